// A report run's page asks for its progress until it is finished, then reloads to show the download.
(function () {
  var box = document.getElementById("run-status");
  if (!box || box.dataset.finished === "true") { return; }
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
      if (data.finished) { window.location.reload(); return; }
      document.getElementById("run-progress").textContent = data.progress + "%: " + data.message;
      setTimeout(poll, 1500);
    }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
