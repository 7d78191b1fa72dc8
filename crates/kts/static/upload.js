/* The upload forms: sends the form with XMLHttpRequest so a progress bar can
 * follow the upload, the API key as a bearer token (not as a form field),
 * and shows the id the call answered with. */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var progress = document.getElementById("progress");
  var result = document.getElementById("result");
  var button = document.getElementById("upload");
  var events = 0;

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var data = new FormData(form);
    var key = String(data.get("api_key") || "");
    data.delete("api_key");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("action"));
    if (key) { xhr.setRequestHeader("Authorization", "Bearer " + key); }
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    events = 0;
    progress.value = 0;
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable && e.total > 0) {
        events += 1;
        progress.value = e.loaded / e.total;
        progress.dataset.events = String(events);
      }
    };
    xhr.onload = function () {
      var json = null;
      try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
      button.disabled = false;
      if (xhr.status >= 200 && xhr.status < 300 && json && json.success) {
        var id = json[form.dataset.resultKey];
        result.textContent = form.dataset.resultLabel + ": " + id;
        result.dataset.id = String(id);
        result.dataset.state = "done";
      } else {
        var messages = (json && (json.messages || json.message || json.errorValue)) || ("HTTP " + xhr.status);
        result.textContent = "Failed: " + [].concat(messages).join("; ");
        result.dataset.state = "failed";
      }
    };
    xhr.onerror = function () {
      button.disabled = false;
      result.textContent = "Failed: the upload was interrupted";
      result.dataset.state = "failed";
    };
    button.disabled = true;
    result.textContent = "Uploading…";
    result.dataset.state = "uploading";
    xhr.send(data);
  });
})();
