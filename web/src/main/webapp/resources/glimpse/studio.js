/* The studio's upload: drop photos on the zone (or choose them) and they are posted in one multipart
   request to /studio/uploads/{event}, which streams each file to disk on the server and starts their
   import; then the page's progress poll takes over. */
(function () {
  "use strict";

  function zone() {
    return document.getElementById("dropzone");
  }

  function say(text) {
    var status = document.getElementById("uploadStatus");
    if (status) {
      status.textContent = text;
    }
  }

  /* What the status says once the import of the upload is done (the page's poll calls importDone). */
  var importing = null;

  window.glimpseImportDone = function () {
    if (importing !== null) {
      say(importing);
      importing = null;
    }
  };

  function upload(files) {
    var box = zone();
    if (!box || !files || !files.length) {
      return;
    }
    var form = new FormData();
    Array.prototype.forEach.call(files, function (file) {
      form.append("files", file, file.name);
    });
    var bar = document.getElementById("uploadBar");
    var request = new XMLHttpRequest();
    request.open("POST", box.getAttribute("data-url"));
    request.setRequestHeader("X-Glimpse-Upload", "1");
    request.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        bar.hidden = false;
        bar.value = Math.round(100 * event.loaded / event.total);
      }
    };
    request.onload = function () {
      bar.hidden = true;
      box.classList.remove("busy");
      var answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (e) {
        answer = { message: "The upload failed (" + request.status + ")." };
      }
      if (request.status !== 202) {
        say(answer.message || "The upload failed.");
        return;
      }
      var skipped = answer.skipped.length
          ? " Skipped: " + answer.skipped.map(function (s) { return s.fileName + " (" + s.reason + ")"; }).join(", ")
          : "";
      var uploaded = "Uploaded " + answer.files + (answer.files === 1 ? " photo" : " photos");
      say(uploaded + "; importing." + skipped);
      importing = uploaded + "." + skipped;
      if (window.uploadStarted) {
        window.uploadStarted();
      }
    };
    request.onerror = function () {
      bar.hidden = true;
      box.classList.remove("busy");
      say("The upload broke off; check the connection and try again.");
    };
    box.classList.add("busy");
    say("Uploading " + files.length + (files.length === 1 ? " file" : " files") + "\u2026");
    request.send(form);
  }

  document.addEventListener("change", function (event) {
    if (event.target.id === "uploadFiles") {
      upload(event.target.files);
      event.target.value = "";
    }
  });

  /* Files dragged over the page: only the zone takes them; anywhere else the drop is refused, where
     the browser would otherwise open the file in place of the page. A counter of the enters and
     leaves inside the zone keeps its highlight steady while the pointer crosses its children. */
  var depth = 0;

  function carriesFiles(event) {
    return event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0;
  }

  function zoneOf(event) {
    return event.target.closest ? event.target.closest("#dropzone") : null;
  }

  function leaveZone() {
    depth = 0;
    var box = zone();
    if (box) {
      box.classList.remove("over");
    }
  }

  window.addEventListener("dragenter", function (event) {
    var box = zoneOf(event);
    if (box && carriesFiles(event)) {
      event.preventDefault();
      depth++;
      box.classList.add("over");
    }
  });
  window.addEventListener("dragover", function (event) {
    if (!carriesFiles(event)) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = zoneOf(event) ? "copy" : "none";
  });
  window.addEventListener("dragleave", function (event) {
    if (zoneOf(event) && carriesFiles(event) && --depth <= 0) {
      leaveZone();
    }
  });
  window.addEventListener("drop", function (event) {
    if (!carriesFiles(event)) {
      return;
    }
    event.preventDefault();
    var box = zoneOf(event);
    leaveZone();
    if (box) {
      upload(event.dataTransfer.files);
    }
  });
  window.addEventListener("dragend", leaveZone);
})();
