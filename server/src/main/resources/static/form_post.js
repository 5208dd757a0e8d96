// OAuth 2.0 Form Post Response Mode section 2: submit the response form to the client at once. A same-origin file, since
// the pages' Content-Security-Policy allows no inline script.
document.getElementById("form-post").submit();
