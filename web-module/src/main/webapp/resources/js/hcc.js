// Copy buttons: <button class="hcc-copy" data-copy="ID"> copies the text of the element with that id.
document.addEventListener('click', function (event) {
    var button = event.target.closest('.hcc-copy');
    if (!button) {
        return;
    }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) {
        return;
    }
    navigator.clipboard.writeText(source.textContent).then(function () {
        var label = button.querySelector('.ui-button-text');
        var before = label.textContent;
        label.textContent = 'Copied';
        setTimeout(function () { label.textContent = before; }, 1500);
    });
});
