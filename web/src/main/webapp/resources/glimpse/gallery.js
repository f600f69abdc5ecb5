/* The gallery's lightbox (click, arrow keys, swipe, Escape) and infinite scroll ("More photos" is
   clicked for the guest when it scrolls into view). The grid is re-rendered by Faces Ajax, so
   everything works by event delegation on the document. */
(function () {
  "use strict";
  var current = -1;
  var opener = null;

  function tiles() {
    return Array.prototype.slice.call(document.querySelectorAll(".grid .tile"));
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
    box.hidden = false;
    document.body.classList.add("lightbox-open");
    box.querySelector(".lb-close").focus();
    if (index >= all.length - 3) {
      loadMore();
    }
  }

  function close() {
    var box = document.getElementById("lightbox");
    if (!box || box.hidden) {
      return;
    }
    box.hidden = true;
    document.body.classList.remove("lightbox-open");
    document.getElementById("lightboxImage").removeAttribute("src");
    if (opener) {
      opener.focus();
    }
  }

  function loadMore() {
    var more = document.querySelector(".more button");
    if (more && !more.disabled && !more.classList.contains("ui-state-loading")) {
      more.click();
    }
  }

  document.addEventListener("click", function (event) {
    var tile = event.target.closest(".grid .tile");
    if (tile) {
      opener = tile;
      show(parseInt(tile.getAttribute("data-index"), 10));
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

  if ("IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        loadMore();
      }
    }, { rootMargin: "600px" });
    var watch = function () {
      var box = document.querySelector(".more");
      if (box) {
        watcher.disconnect();
        watcher.observe(box);
      }
    };
    document.addEventListener("DOMContentLoaded", watch);
    if (window.jQuery) {
      window.jQuery(document).on("pfAjaxComplete", watch);
    }
  }
})();
