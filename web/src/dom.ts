/**
 * Building the page from data without innerHTML: text always goes in as text, so nothing an
 * API or a feed returns can become markup.
 */
type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(
    ...children
      .filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false)
      .map((c) => (typeof c === 'number' ? String(c) : c)),
  );
  return element;
}

/** A table: the text alternative of a chart, and the catalog's schemas. */
export function table(
  caption: string,
  headers: string[],
  rows: (string | Node)[][],
  numericFrom = 1,
): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...headers.map((text, i) => h('th', { scope: 'col', class: i >= numericFrom ? 'num' : undefined }, text)),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((cells) =>
        h(
          'tr',
          {},
          ...cells.map((cell, i) =>
            i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { class: i >= numericFrom ? 'num' : undefined }, cell),
          ),
        ),
      ),
    ),
  );
}
