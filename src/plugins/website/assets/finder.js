// The library's finder, enhanced: a "Filter" button that folds the filters away on small screens
// (the MOJ filter / finder-frontend pattern) and search-as-you-type on the keyword. Without this
// file the form shows every filter and submits as it always does.
const form = document.querySelector('[data-module="app-finder"]');
if (form) {
  filterToggle(form);
  suggestions(form, form.querySelector('#q'));
}

function filterToggle(form) {
  const panel = form.querySelector('#app-finder-filters');
  const chosen = form.querySelectorAll('#app-finder-filters input:checked, #app-finder-filters select:not(#sort) option:checked:not([value=""])').length;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'govuk-button govuk-button--secondary app-finder__toggle';
  button.setAttribute('aria-controls', panel.id);
  button.textContent = chosen ? `Filter (${chosen} selected)` : 'Filter';
  const set = (open) => {
    button.setAttribute('aria-expanded', String(open));
    panel.classList.toggle('app-finder__filters--closed', !open);
  };
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
  panel.before(button);
  set(false);
}

// A combobox with a listbox (WAI-ARIA APG pattern): arrows move, Enter chooses, Escape closes.
function suggestions(form, input) {
  if (!input || !window.fetch) return;
  const list = document.createElement('ul');
  list.id = 'q-suggestions';
  list.className = 'app-suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  list.hidden = true;
  const status = document.createElement('div');
  status.className = 'govuk-visually-hidden';
  status.setAttribute('role', 'status');
  // After the box's row (box and button), so the list opens under both.
  (input.closest('.govuk-input__wrapper') ?? input).after(list, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let items = [];
  let active = -1;
  let timer;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    items = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const highlight = (index) => {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) input.setAttribute('aria-activedescendant', `q-suggestion-${index}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (item) => {
    if (item.type === 'title') return window.location.assign(`/case-studies/${encodeURIComponent(item.slug)}`);
    // A word completes the last word typed, and runs the search.
    input.value = input.value.replace(/[\p{L}\p{N}]*$/u, item.text);
    close();
    form.requestSubmit();
  };
  const show = (data) => {
    list.replaceChildren(
      ...data.map((item, i) => {
        const li = document.createElement('li');
        li.id = `q-suggestion-${i}`;
        li.className = 'app-suggestions__option';
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = item.type === 'title' ? `${item.text} (case study)` : item.text;
        // mousedown, not click: it comes before the input's blur closes the list.
        li.addEventListener('mousedown', (event) => (event.preventDefault(), choose(item)));
        return li;
      })
    );
    items = data;
    active = -1;
    list.hidden = !data.length;
    input.setAttribute('aria-expanded', String(data.length > 0));
    status.textContent = data.length ? `${data.length} suggestion${data.length === 1 ? '' : 's'}, use up and down arrows` : '';
  };
  const ask = async () => {
    const q = input.value.trim();
    const last = q.match(/[\p{L}\p{N}]+$/u);
    if (!last || last[0].length < 2 || q.length > 100) return close();
    const mine = ++asked;
    try {
      const res = await fetch(`/api/case-studies/suggest?q=${encodeURIComponent(q)}`, { headers: { Accept: 'application/json' } });
      if (mine !== asked) return; // a later keystroke asked again
      show(res.ok ? (await res.json()).data : []);
    } catch {
      close(); // offline or refused: the form still works
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 200);
  });
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown') highlight(Math.min(items.length - 1, active + 1));
    else if (event.key === 'ArrowUp') highlight(Math.max(-1, active - 1));
    else if (event.key === 'Escape') close();
    else if (event.key === 'Enter' && active >= 0) choose(items[active]);
    else return;
    event.preventDefault();
  });
  input.addEventListener('blur', close);
}
