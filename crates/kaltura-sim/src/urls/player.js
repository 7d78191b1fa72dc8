/* Minimal stand-in for the Kaltura player loaders (embedPlaykitJs v7 and
 * embedIframeJs v2): defines KalturaPlayer.setup(config).loadMedia({entryId})
 * and kWidget.embed(options), each rendering an HTML5 <video> of the entry
 * into the target element. The object they return exposes currentTime,
 * play() and pause() as the real players do. */
(function (global) {
  "use strict";
  var BASE = __BASE_URL__;
  var DEFAULT_PARTNER = __PARTNER_ID__;

  function mediaUrls(partnerId, entryId, ks) {
    var prefix = BASE + "/p/" + encodeURIComponent(partnerId) + "/sp/" +
      encodeURIComponent(partnerId) + "00";
    var id = encodeURIComponent(entryId);
    var ksPart = ks ? "/ks/" + encodeURIComponent(ks) : "";
    return {
      poster: prefix + "/thumbnail/entry_id/" + id + "/width/640" + ksPart,
      source: prefix + "/playManifest/entryId/" + id + "/format/url/protocol/http" + ksPart + "/a.mp4"
    };
  }

  function Player(target, partnerId, ks) {
    this.partnerId = partnerId;
    this.ks = ks || "";
    this.video = document.createElement("video");
    this.video.controls = true;
    this.video.preload = "metadata";
    this.video.setAttribute("playsinline", "");
    this.video.style.width = "100%";
    this.video.style.height = "100%";
    this.video.style.background = "#000";
    target.innerHTML = "";
    target.appendChild(this.video);
  }
  Player.prototype.loadMedia = function (info) {
    var entryId = info && (info.entryId || info.entry_id);
    if (!entryId) { return Promise.reject(new Error("loadMedia needs an entryId")); }
    var urls = mediaUrls(this.partnerId, entryId, (info && info.ks) || this.ks);
    this.entryId = entryId;
    this.video.poster = urls.poster;
    this.video.src = urls.source;
    this.video.setAttribute("data-entry-id", entryId);
    return Promise.resolve(this);
  };
  Player.prototype.play = function () { return this.video.play(); };
  Player.prototype.pause = function () { this.video.pause(); };
  Object.defineProperty(Player.prototype, "currentTime", {
    get: function () { return this.video.currentTime; },
    set: function (t) { this.video.currentTime = t; }
  });
  Object.defineProperty(Player.prototype, "duration", {
    get: function () { return this.video.duration; }
  });
  Object.defineProperty(Player.prototype, "paused", {
    get: function () { return this.video.paused; }
  });

  function targetOf(id) {
    var el = typeof id === "string" ? document.getElementById(id) : id;
    if (!el) { throw new Error("no element with id " + id); }
    return el;
  }

  var players = {};
  global.KalturaPlayer = {
    setup: function (config) {
      var provider = (config && config.provider) || {};
      var player = new Player(targetOf(config.targetId), provider.partnerId || DEFAULT_PARTNER, provider.ks);
      players[config.targetId] = player;
      return player;
    },
    getPlayer: function (targetId) { return players[targetId] || null; }
  };
  global.kWidget = {
    embed: function (options) {
      var targetId = options.targetId;
      var partnerId = options.wid ? String(options.wid).replace(/^_/, "") : DEFAULT_PARTNER;
      var flashvars = options.flashvars || {};
      var player = new Player(targetOf(targetId), partnerId, flashvars.ks);
      players[targetId] = player;
      var el = targetOf(targetId);
      // The v2 player API: the container element gets sendNotification/evaluate.
      el.sendNotification = function (name) {
        if (name === "doPlay") { player.play(); }
        if (name === "doPause") { player.pause(); }
      };
      el.evaluate = function (expr) {
        if (expr === "{video.player.currentTime}") { return player.currentTime; }
        if (expr === "{mediaProxy.entry.id}") { return player.entryId; }
        return null;
      };
      player.loadMedia({ entryId: options.entry_id }).then(function () {
        if (typeof options.readyCallback === "function") { options.readyCallback(targetId); }
      });
      return player;
    },
    getPlayer: function (targetId) { return players[targetId] || null; }
  };
})(window);
