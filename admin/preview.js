// The editor's preview of an item in the site's own look: its style sheets (the theme's and
// ours, with the palette of content/identity.yml) and the markup of the site's item pages
// (templates/news_item.html and its kin), so the officer sees a page as visitors will, before it
// is public; a draft says so at its top. What to load comes from editor.json (sitegen/admin.py).

function first(data, names) {
  for (const name of names) {
    const value = data && data.get ? data.get(name) : undefined;
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function Item(words) {
  return ({ entry, widgetFor, getAsset }) => {
    const h = window.h; // the editor's React createElement (Sveltia CMS sets it)
    const data = entry.get('data');
    const title = first(data, ['title', 'name']) || '';
    const date = first(data, ['date', 'start']);
    const image = first(data, ['image']);
    const asset = image ? getAsset(image) : undefined;
    const src = asset ? (asset.url || String(asset)) : undefined;
    const text = ['body', 'description'].find((name) => first(data, [name]) !== undefined);
    return h('div', { className: 'md-main__inner md-grid ms-preview' },
      h('article', { className: 'md-content__inner md-typeset', lang: words.preview.lang },
        first(data, ['draft']) === true ? h('p', { className: 'ms-preview__draft' }, words.preview.draft) : null,
        h('h1', null, title),
        date ? h('p', null, h('time', { dateTime: String(date) }, String(date))) : null,
        src ? h('figure', { className: 'ms-photo' },
          h('img', { className: 'ms-image', src, alt: first(data, ['image_alt']) || '' })) : null,
        first(data, ['summary']) ? h('p', { className: 'ms-lead' }, first(data, ['summary'])) : null,
        text ? widgetFor(text) : null));
  };
}

export function registerPreviews(CMS, words) {
  for (const style of words.preview.styles) CMS.registerPreviewStyle(style);
  CMS.registerPreviewStyle(words.preview.palette, { raw: true });
  const template = Item(words);
  for (const name of words.preview.collections) CMS.registerPreviewTemplate(name, template);
}
