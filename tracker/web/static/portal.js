// The portal's one script (shipped in the wheel). Every task works without it: it only asks
// "are you sure?" before a button marked data-confirm sends its form.
"use strict";
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
// After signing in again, the form whose session ended is brought back with what was typed
// (resume.html): sent at once rather than waiting for a click on its button.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-autosubmit]");
  if (form) {
    form.submit();
  }
});
