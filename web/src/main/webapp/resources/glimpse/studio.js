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

  /* The photo grid's selection: a tap on a photo selects it or lets it go, a shift-tap selects every photo from the
     last one tapped; the ids go into the hidden field the curating buttons send (photosForm:selection). The
     checkboxes are the truth: after an Ajax update (a page of the grid, an action) the selection is read again. */
  var lastPicked = null;

  function picks() {
    return Array.prototype.slice.call(document.querySelectorAll(".photo-grid input.pick"));
  }

  function writeSelection() {
    var field = document.getElementById("photosForm:selection");
    if (!field) {
      return;
    }
    var chosen = picks().filter(function (box) { return box.checked; });
    field.value = chosen.map(function (box) { return box.value; }).join(",");
    picks().forEach(function (box) {
      box.closest("figure").classList.toggle("selected", box.checked);
    });
    var count = document.getElementById("selectedCount");
    if (count) {
      count.textContent = chosen.length ? chosen.length + " selected" : "None selected";
    }
    var bar = document.getElementById("curateBar");
    if (bar) {
      bar.classList.toggle("active", chosen.length > 0);
    }
  }

  document.addEventListener("click", function (event) {
    var figure = event.target.closest ? event.target.closest(".photo-grid figure.thumb") : null;
    if (!figure || event.target.closest("a")) {
      return;
    }
    var box = figure.querySelector("input.pick");
    if (event.target !== box) {
      event.preventDefault();
      box.checked = !box.checked;
    }
    var all = picks();
    if (event.shiftKey && lastPicked && all.indexOf(lastPicked) >= 0) {
      var from = all.indexOf(lastPicked);
      var to = all.indexOf(box);
      all.slice(Math.min(from, to), Math.max(from, to) + 1).forEach(function (other) {
        other.checked = box.checked;
      });
    }
    lastPicked = box;
    writeSelection();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && picks().some(function (box) { return box.checked; })) {
      picks().forEach(function (box) { box.checked = false; });
      writeSelection();
    }
  });

  if (window.jQuery) {
    window.jQuery(document).on("pfAjaxComplete", function () {
      lastPicked = null;
      writeSelection();
    });
  }
})();