// Copy buttons: <button class="hcc-copy" data-copy="ID"> copies the text of the element with that id, and says so
// on the button for a moment. The Clipboard API where the browser allows it, else a selection and execCommand.
document.addEventListener('click', function (event) {
    var button = event.target.closest('.hcc-copy');
    if (!button) {
        return;
    }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) {
        return;
    }
    var label = button.querySelector('.ui-button-text') || button;
    var done = function () {
        var before = label.getAttribute('data-label') || label.textContent;
        label.setAttribute('data-label', before);
        label.textContent = 'Copied';
        setTimeout(function () { label.textContent = before; }, 1500);
    };
    var fallback = function () {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (document.execCommand('copy')) {
            done();
        }
        selection.removeAllRanges();
    };
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.textContent).then(done, fallback);
    } else {
        fallback();
    }
});
