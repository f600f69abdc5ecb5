/* The gallery's lightbox (click, arrow keys, swipe, Escape) and infinite scroll ("More photos" is
   clicked for the guest when it scrolls into view). Faces Ajax re-renders the grids, so everything
   works by event delegation on the document, and the lightbox looks up its grid by id each time
   rather than keeping elements that a re-render detaches. "More photos" renders only the new page,
   into #photos:next, and appendPage moves it into the grid. */
(function () {
  "use strict";
  var current = -1;
  var gridId = null;
  var focusNewPage = false;

  /* The tiles of the grid the open photo belongs to ("Your photos" or the event's photos). */
  function tiles() {
    var grid = gridId && document.getElementById(gridId);
    return grid ? Array.prototype.slice.call(grid.querySelectorAll(".tile")) : [];
  }

  function show(index) {
    var all = tiles();
    if (index < 0 || index >= all.length) {
      return;
    }
    current = index;
    var box = document.getElementById("lightbox");
    var image = document.getElementById("lightboxImage");
    var alt = all[index].querySelector("img").alt;
    image.src = all[index].getAttribute("data-preview");
    image.alt = alt;
    document.getElementById("lightboxCaption").textContent = alt;
    document.getElementById("lightboxDownload").href = all[index].getAttribute("data-download");
    box.setAttribute("data-photo", all[index].getAttribute("data-photo") || "");
    if (window.glimpseFavourites) {
      window.glimpseFavourites.sync(); // the viewer's heart shows this photo's
    }
    box.hidden = false;
    document.body.classList.add("lightbox-open");
    box.querySelector(".lb-close").focus();
    if (gridId === "photos:grid" && index >= all.length - 3) {
      loadMore();
    }
  }

  /* Closes the lightbox and puts the focus on the tile of the photo it showed last. */
  function close() {
    var box = document.getElementById("lightbox");
    if (!box || box.hidden) {
      return;
    }
    box.hidden = true;
    document.body.classList.remove("lightbox-open");
    document.getElementById("lightboxImage").removeAttribute("src");
    var tile = tiles()[current];
    if (tile) {
      tile.focus();
    }
  }

  function loadMore() {
    var more = document.querySelector(".more button");
    if (more && !more.disabled && !more.classList.contains("ui-state-loading")) {
      more.click();
    }
  }

  /* Moves the page "More photos" rendered into the grid; a guest who pressed the button with the
     keyboard lands on the first new photo. */
  function appendPage() {
    var next = document.getElementById("photos:next");
    var grid = document.getElementById("photos:grid");
    if (!next || !grid || !next.firstElementChild) {
      focusNewPage = false;
      return;
    }
    var first = next.firstElementChild;
    while (next.firstElementChild) {
      grid.appendChild(next.firstElementChild);
    }
    if (focusNewPage) {
      focusNewPage = false;
      var tile = first.querySelector(".tile");
      if (tile) {
        tile.focus();
      }
    }
  }

  document.addEventListener("click", function (event) {
    var tile = event.target.closest(".grid .tile");
    if (tile) {
      var grid = tile.closest(".grid");
      gridId = grid.id;
      show(tiles().indexOf(tile));
      return;
    }
    var more = event.target.closest(".more button");
    if (more) {
      focusNewPage = more === document.activeElement && event.detail === 0; // pressed by keyboard
      return;
    }
    if (event.target.closest(".lb-close") || event.target.id === "lightbox") {
      close();
    } else if (event.target.closest(".lb-prev")) {
      show(current - 1);
    } else if (event.target.closest(".lb-next")) {
      show(current + 1);
    }
  });

  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("lightbox");
    if (!box || box.hidden) {
      return;
    }
    if (event.key === "Escape") {
      close();
    } else if (event.key === "ArrowLeft") {
      show(current - 1);
    } else if (event.key === "ArrowRight") {
      show(current + 1);
    } else {
      return;
    }
    event.preventDefault();
  });

  var touchX = null;
  document.addEventListener("touchstart", function (event) {
    if (event.target.closest("#lightbox")) {
      touchX = event.changedTouches[0].clientX;
    }
  }, { passive: true });
  document.addEventListener("touchend", function (event) {
    if (touchX === null) {
      return;
    }
    var dx = event.changedTouches[0].clientX - touchX;
    touchX = null;
    if (Math.abs(dx) > 50) {
      show(dx < 0 ? current + 1 : current - 1);
    }
  }, { passive: true });

  var watch = function () {};
  if ("IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        loadMore();
      }
    }, { rootMargin: "600px" });
    watch = function () {
      var box = document.querySelector(".more");
      if (box) {
        watcher.disconnect();
        watcher.observe(box);
      }
    };
  }
  document.addEventListener("DOMContentLoaded", watch);

  /* Entering the code renders the gallery by Ajax, which leaves the head alone: the tab takes the
     event's name from the page. */
  function retitle() {
    var title = document.getElementById("pageTitle");
    if (title && title.getAttribute("data-title")) {
      document.title = title.getAttribute("data-title");
    }
  }

  /* A photo that does not load, in the grid or the viewer, most likely means the gallery closed or
     expired while the guest was in it: reload once, and the page says so (or shows the gallery
     again if it is still open). */
  document.addEventListener("error", function (event) {
    var image = event.target;
    if (image && image.tagName === "IMG" && image.getAttribute("src")
        && (image.id === "lightboxImage" || image.closest(".grid"))) {
      window.glimpseReloadOnce();
    }
  }, true);
  if (window.jQuery) {
    window.jQuery(document).on("pfAjaxComplete", function (event, xhr) {
      if (window.glimpseViewExpired(xhr)) {
        return; // expired-view.js reloads the page
      }
      appendPage();
      watch();
      focusAfterAdding();
      retitle();
    });
  }

  /* Find me: the selfie goes from the file input straight into the request body, kept only in this
     page's memory (to search again with another face); the server keeps nothing of it. "Add another
     photo of me" sends one more photo once and keeps nothing of it here: the server combines it with
     the faces of the earlier ones, which it holds in memory for this search only. */
  var selfie = null;
  var focusAdded = false;

  function say(text, adding) {
    var status = document.getElementById("findStatus");
    if (status) {
      status.textContent = text;
    }
    var near = document.getElementById("addStatus");
    if (near) {
      near.textContent = adding ? text : "";
    }
  }

  function busy(on) {
    var box = document.getElementById("findMe");
    var found = document.querySelector(".your-photos");
    [box, found].forEach(function (element) {
      if (element) {
        element.classList.toggle("busy", on);
      }
    });
    if (on) {
      box.setAttribute("aria-busy", "true");
    }
  }

  function search(face) {
    if (selfie) {
      send(selfie, face === undefined ? "" : "?face=" + face, false);
    }
  }

  function send(photo, query, adding) {
    var box = document.getElementById("findMe");
    if (!box) {
      return;
    }
    var form = new FormData();
    form.append("selfie", photo, "selfie");
    say(adding ? "Adding your photo to the search\u2026" : "Looking for you in the photos\u2026", adding);
    busy(true);
    fetch(box.getAttribute("data-url") + query, {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: { "X-Glimpse-Find": "1" }
    }).then(function (response) {
      return response.json().then(function (answer) {
        return { ok: response.ok, answer: answer };
      });
    }).then(function (result) {
      busy(false);
      if (!result.ok) {
        box.removeAttribute("aria-busy");
        say(result.answer.message || "The search did not work; try another photo.", adding);
        return;
      }
      var found = result.answer.photos;
      var selfies = result.answer.selfies || 1;
      say((found === 0 ? "No photos of you were found" : found === 1 ? "Found 1 photo of you"
          : "Found " + found + " photos of you")
          + (selfies > 1 ? " (searched with " + selfies + " of your photos)." : "."));
      var faces = document.getElementById("selfieFaces");
      if (adding && faces) {
        // tapping a face of the first selfie would start over with it alone: not offered any more
        faces.hidden = true;
        focusAdded = true;
      } else {
        showFaces(result.answer);
      }
      if (window.showFound) {
        window.showFound(); // its oncomplete ends aria-busy
      } else {
        box.removeAttribute("aria-busy");
      }
    }).catch(function () {
      busy(false);
      box.removeAttribute("aria-busy");
      say("The search did not reach the server; check the connection and try again.", adding);
    });
  }

  /* After "Your photos" was re-rendered for an added photo: the focus, which was on the replaced
     file input, goes to the next one, or to the heading once no more can be added. */
  function focusAfterAdding() {
    if (!focusAdded) {
      return;
    }
    focusAdded = false;
    var next = document.getElementById("addSelfieFile");
    var heading = document.getElementById("yourPhotosTitle");
    if (next) {
      next.focus();
    } else if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }

  /* Several faces in the selfie: show it with a button on each usable face to search with that one. */
  function showFaces(answer) {
    var panel = document.getElementById("selfieFaces");
    var pick = panel && panel.querySelector(".selfie-pick");
    if (!pick) {
      return;
    }
    Array.prototype.slice.call(pick.querySelectorAll(".selfie-face")).forEach(function (old) {
      old.remove();
    });
    var usable = answer.faces.filter(function (face) { return face.usable; });
    if (usable.length < 2) {
      panel.hidden = true;
      return;
    }
    var image = document.getElementById("selfieImage");
    var place = function () {
      var w = image.naturalWidth;
      var h = image.naturalHeight;
      usable.forEach(function (face) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "selfie-face" + (face.index === answer.usedFace ? " used" : "");
        button.setAttribute("aria-label", "Search with face " + (face.index + 1)
            + (face.index === answer.usedFace ? " (searched now)" : ""));
        button.setAttribute("data-face", face.index);
        var left = Math.max(0, face.box.x);
        var top = Math.max(0, face.box.y);
        var right = Math.min(w, face.box.x + face.box.width);
        var bottom = Math.min(h, face.box.y + face.box.height);
        button.style.left = (100 * left / w) + "%";
        button.style.top = (100 * top / h) + "%";
        button.style.width = (100 * (right - left) / w) + "%";
        button.style.height = (100 * (bottom - top) / h) + "%";
        pick.appendChild(button);
      });
    };
    panel.hidden = false;
    if (image.complete && image.naturalWidth > 0) {
      place();
    } else {
      image.onload = place;
    }
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.id === "addSelfieFile" && input.files && input.files.length) {
      var photo = input.files[0];
      input.value = "";
      send(photo, "?add=1", true);
      return;
    }
    if (input.id !== "selfieCamera" && input.id !== "selfieFile") {
      return;
    }
    if (!input.files || !input.files.length) {
      return;
    }
    selfie = input.files[0];
    input.value = "";
    var image = document.getElementById("selfieImage");
    if (image) {
      if (image.src) {
        URL.revokeObjectURL(image.src);
      }
      image.src = URL.createObjectURL(selfie);
    }
    var panel = document.getElementById("selfieFaces");
    if (panel) {
      panel.hidden = true;
    }
    search();
  });

  document.addEventListener("click", function (event) {
    var face = event.target.closest(".selfie-face");
    if (face) {
      search(parseInt(face.getAttribute("data-face"), 10));
    }
  });
})();

// Download PIN (issue 16, WEB-INF/includes/gallery-delivery.xhtml): while the event's download PIN is still needed,
// a click on a download link (a photo's, the ZIP's) opens the PIN dialog instead; once the server accepted the PIN
// (POST /download-pin/{event}, DownloadPinChecks) the held-back link is followed.
window.glimpseDownloads = (function () {
  var pending = null;

  function rules() {
    return document.getElementById("downloadRules");
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("#lightboxDownload, [id$='downloadAll']") : null;
    if (link === null || rules() === null || rules().getAttribute("data-pin-needed") !== "true") {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    pending = link.href;
    // the viewer, whose link may have opened the dialog, keeps the focus to itself: it closes first
    var box = document.getElementById("lightbox");
    if (box && !box.hidden) {
      box.querySelector(".lb-close").click();
    }
    PF("downloadPin").show();
    document.getElementById("downloadPin").focus();
  }, true);

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#unlock")) {
      event.preventDefault();
      unlock();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.id === "downloadPin") {
      event.preventDefault();
      unlock();
    }
  });

  function unlock() {
    var field = document.getElementById("downloadPin");
    var message = document.getElementById("downloadPinMessage");
    message.textContent = "Checking…";
    fetch(rules().getAttribute("data-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-Glimpse-Pin": "1"},
      body: JSON.stringify({pin: field.value})
    }).then(function (response) {
      if (response.status === 204) {
        message.textContent = "";
        rules().setAttribute("data-pin-needed", "false");
        field.value = "";
        PF("downloadPin").hide();
        if (pending) {
          window.location.href = pending;
          pending = null;
        }
        return;
      }
      return response.json().then(function (answer) {
        message.textContent = answer.message || "The PIN was not accepted.";
        field.select();
      });
    }).catch(function () {
      message.textContent = "The PIN could not be checked; try again.";
    });
  }

  return {unlock: unlock};
})();
