// Marks the page as able to run GOV.UK Frontend's JavaScript before components render,
// as the Design System's page template does with an inline script (kept out of line for CSP).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
