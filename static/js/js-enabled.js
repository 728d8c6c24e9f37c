// Runs first in <body>, before anything paints: GOV.UK Frontend styles depend on these classes.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
