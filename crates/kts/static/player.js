/* KTS player pages: embeds the instance's Kaltura player into #kaltura_player
 * from the element's data-* attributes (set and escaped by the server; no
 * value of the request is ever written into a script). The player object is
 * left in window.ktsPlayer for thumbnail.js. A page with KTS's own <video>
 * (#video_frame, platforms without a player) only gets its size here;
 * thumbnail.js reads that <video> itself. */
(function () {
  "use strict";
  var frame = document.getElementById("video_frame");
  if (frame) {
    if (frame.dataset.width) { frame.style.width = frame.dataset.width; }
    if (frame.dataset.height) { frame.style.height = frame.dataset.height; }
  }
  var el = document.getElementById("kaltura_player");
  if (!el) { return; }
  var d = el.dataset;
  if (d.width) { el.style.width = d.width; }
  if (d.height) { el.style.height = d.height; }
  var autoplay = d.autoplay === "true";
  var player = null;
  try {
    if (d.loader === "kwidget") {
      player = window.kWidget.embed({
        targetId: el.id,
        wid: "_" + d.partner,
        uiconf_id: Number(d.uiconf),
        entry_id: d.entry,
        flashvars: { autoPlay: autoplay, ks: d.ks }
      }) || null;
    } else {
      player = window.KalturaPlayer.setup({
        targetId: el.id,
        provider: { partnerId: Number(d.partner), uiConfId: Number(d.uiconf), ks: d.ks },
        playback: { autoplay: autoplay }
      });
      var loaded = player.loadMedia({ entryId: d.entry });
      if (autoplay && loaded && loaded.then) {
        loaded.then(function () { return player.play(); }).catch(function () {});
      }
    }
  } catch (e) {
    el.textContent = "The player could not be loaded: " + e.message;
  }
  window.ktsPlayer = player;
})();
