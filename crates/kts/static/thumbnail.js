/* The thumbnail selector's capture bar: posts the entry id and the player's
 * current time to the callback (a KTS path or an allowed origin, checked by
 * the server), shows the answer, then calls the success callback by name and
 * tells the parent origin "thumbnail updated". */
(function () {
  "use strict";
  var bar = document.getElementById("capture");
  var button = document.getElementById("capture-button");
  var out = document.getElementById("capture-result");
  if (!bar || !button || !out) { return; }
  var d = bar.dataset;

  function currentTime() {
    var p = window.ktsPlayer;
    if (p && typeof p.currentTime === "number" && !isNaN(p.currentTime)) { return p.currentTime; }
    var el = document.getElementById("kaltura_player");
    if (el && typeof el.evaluate === "function") {
      var t = Number(el.evaluate("{video.player.currentTime}"));
      if (!isNaN(t)) { return t; }
    }
    var video = document.querySelector("video");
    return video ? video.currentTime : 0;
  }

  function succeeded() {
    var name = d.successCallback;
    if (name && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) {
      var fn = null;
      try { fn = typeof window[name] === "function" ? window[name] : null; } catch (e) { fn = null; }
      if (!fn && window.parent !== window) {
        try { fn = typeof window.parent[name] === "function" ? window.parent[name] : null; } catch (e) { fn = null; }
      }
      if (fn) { fn(d.successParams); }
    }
    if (d.parentHost) {
      if (window.parent !== window) { window.parent.postMessage("thumbnail updated", d.parentHost); }
      if (window.opener) { window.opener.postMessage("thumbnail updated", d.parentHost); }
    }
  }

  button.addEventListener("click", function () {
    var offset = currentTime();
    var body = new URLSearchParams();
    body.set("entry_id", d.entry);
    body.set("kaltura_id", d.instance);
    body.set("offset", offset.toFixed(3));
    var headers = { "X-Requested-With": "XMLHttpRequest" };
    if (d.apiKey) { headers.Authorization = "Bearer " + d.apiKey; }
    button.disabled = true;
    out.textContent = "Saving the frame at " + offset.toFixed(2) + " s…";
    fetch(d.callback, { method: "POST", body: body, headers: headers, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, json: j }; }); })
      .then(function (res) {
        if (res.ok && res.json && res.json.success) {
          out.textContent = "Thumbnail updated" + (res.json.thumbnail_id ? " (id " + res.json.thumbnail_id + ")" : "") + ".";
          out.dataset.state = "done";
          succeeded();
        } else {
          var messages = (res.json && (res.json.messages || res.json.message)) || [];
          out.textContent = "Failed: " + [].concat(messages).join("; ");
          out.dataset.state = "failed";
        }
      })
      .catch(function (e) { out.textContent = "Failed: " + e.message; out.dataset.state = "failed"; })
      .then(function () { button.disabled = false; });
  });
})();
