// Warns a signed-in person before an idle session ends and lets them stay signed in (WCAG 2.2.1).
// The server ends the session whatever happens here (organisations/session_timeout.py); with JavaScript
// off, the next page simply asks them to sign in again and says why.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var idleSeconds = parseInt(script.dataset.idleSeconds, 10);
  var warningSeconds = parseInt(script.dataset.warningSeconds, 10);
  var keepAliveUrl = script.dataset.keepAliveUrl;
  if (!idleSeconds || !keepAliveUrl) return;
  var warningTimer = null;
  var endTimer = null;
  var banner = null;

  function minutesText(seconds) {
    var minutes = Math.max(1, Math.round(seconds / 60));
    return minutes + (minutes === 1 ? " minute" : " minutes");
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function buildBanner() {
    banner = document.createElement("div");
    banner.className = "govuk-notification-banner";
    banner.setAttribute("role", "alert");
    banner.setAttribute("aria-labelledby", "session-timeout-title");
    banner.id = "session-timeout-warning";
    banner.tabIndex = -1;
    var header = document.createElement("div");
    header.className = "govuk-notification-banner__header";
    var title = document.createElement("h2");
    title.className = "govuk-notification-banner__title";
    title.id = "session-timeout-title";
    title.textContent = "Important";
    header.appendChild(title);
    var content = document.createElement("div");
    content.className = "govuk-notification-banner__content";
    var heading = document.createElement("p");
    heading.className = "govuk-notification-banner__heading";
    heading.textContent =
      "You will be signed out in " + minutesText(warningSeconds) + " because you have not done anything for a while.";
    var body = document.createElement("p");
    body.className = "govuk-body";
    body.textContent = "Anything you have not saved will be lost.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-!-margin-bottom-0";
    button.textContent = "Stay signed in";
    button.addEventListener("click", staySignedIn);
    content.appendChild(heading);
    content.appendChild(body);
    content.appendChild(button);
    banner.appendChild(header);
    banner.appendChild(content);
    var main = document.getElementById("main-content") || document.body;
    main.insertBefore(banner, main.firstChild);
  }

  function warn() {
    if (!banner) buildBanner();
    banner.hidden = false;
    banner.focus();
  }

  function end() {
    // The server has ended the session by now: loading the page again shows the sign-in page and why.
    window.location.reload();
  }

  function start() {
    window.clearTimeout(warningTimer);
    window.clearTimeout(endTimer);
    warningTimer = window.setTimeout(warn, Math.max(0, idleSeconds - warningSeconds) * 1000);
    endTimer = window.setTimeout(end, (idleSeconds + 1) * 1000);
  }

  function staySignedIn() {
    fetch(keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
      redirect: "manual",
    }).then(function (response) {
      if (response.status === 204) {
        if (banner) banner.hidden = true;
        start();
      } else {
        end();
      }
    }, end);
  }

  start();
})();
