// Shows the "Print this page" button (it needs JavaScript) and prints when it is pressed.
for (const button of document.querySelectorAll("[data-hub-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
