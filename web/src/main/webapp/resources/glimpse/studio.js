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
      say("Uploaded " + answer.files + (answer.files === 1 ? " photo" : " photos") + "; importing." + skipped);
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
  ["dragenter", "dragover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var box = event.target.closest && event.target.closest("#dropzone");
      if (box) {
        event.preventDefault();
        box.classList.add("over");
      }
    });
  });
  document.addEventListener("dragleave", function (event) {
    var box = event.target.closest && event.target.closest("#dropzone");
    if (box) {
      box.classList.remove("over");
    }
  });
  document.addEventListener("drop", function (event) {
    var box = event.target.closest && event.target.closest("#dropzone");
    if (box) {
      event.preventDefault();
      box.classList.remove("over");
      upload(event.dataTransfer.files);
    }
  });
})();
