// The check's rules for one item that the editor's own fields cannot say (sitegen/editor_config.py,
// `rules`), applied before anything is saved, in the check's own words: a number out of its range,
// a date that ends before it starts, a photo without its description or too small for where it is
// shown, a value that is not one of its choices, a file path outside media/, a field the schema
// does not know, a character the site cannot publish. A file written elsewhere can hold these: the
// editor shows such a value as it is and would save it unchanged. Numbers typed as text are saved
// as numbers, and the facts shared by the languages are copied from the default language, as the
// editor shows them. The rules and the words come from editor.json, written at each build.

const CONTENT = /^content\/(?:([a-z]{2,3})\/)?([a-z_]+)(?:\/[^/]+)?\.yml$/;

// Every value at a dotted path whose `*` parts walk a list: [[keys…], value].
function found(data, path) {
  let here = [[[], data]];
  for (const part of path.split('.')) {
    const next = [];
    for (const [keys, value] of here) {
      if (value == null || typeof value !== 'object') continue;
      if (part === '*') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push([[...keys, i], v]));
      } else if (part in value) next.push([[...keys, part], value[part]]);
    }
    here = next;
  }
  return here.filter(([, value]) => value !== undefined && value !== null && value !== '');
}

const fill = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const first = (date) => (date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);
const last = (date) => (date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date);

async function pixels(entry, path) {
  // A photo uploaded with this entry is a File the browser holds; one already in the repository
  // passed the check when it was published.
  const media = (entry.mediaFiles || []).find((m) => m.path && m.path.endsWith(path));
  if (!media || !(media.file instanceof Blob)) return null;
  try {
    const bitmap = await createImageBitmap(media.file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null; // not an image the browser can read: the check says what is wrong with it
  }
}

// Characters the site cannot publish (XML 1.0 forbids them; non-characters), and U+FFFD, the mark
// of a character lost when a file in another encoding was read.
const UNPUBLISHABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function* texts(value, path) {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const v of value) yield* texts(v, path);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* texts(v, path ? `${path}.${k}` : k);
  }
}

// The addresses of a Markdown text's links, inline and by reference (as sitegen/urls.py finds them).
const links = (text) => [...text.matchAll(/\]\(\s*<?([^)\s>]+)/g), ...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)]
  .map((m) => m[1]);

// The name a file with spaces should have, as the check suggests it: words joined by hyphens.
const suggestedName = (value) => {
  const slash = value.lastIndexOf('/');
  const name = value.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const stem = (dot > 0 ? name.slice(0, dot) : name).normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().match(/[a-z0-9]+/g) || ['fisier'];
  return `${value.slice(0, slash + 1)}${stem.join('-')}${dot > 0 ? name.slice(dot).toLowerCase() : ''}`;
};

const code = (char) => `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

export function problems(spec, words, locales, entry) {
  const said = [];
  const say = (path, code, values) => {
    const label = words.labels[path] || path;
    said.push(sentence(`${fill(words.messages.field, { name: label })}: ${fill(words.messages[code], values)}`));
  };
  for (const [, data] of locales) {
    for (const key of Object.keys(data)) {
      if (key === 'id' && spec.same.length) say(key, 'id_in_item_file', { value: data[key] });
      else if (!spec.fields.includes(key)) say(key, 'unknown_field', { known: spec.fields.join(', ') });
    }
    for (const [path, text] of texts(data, '')) {
      const odd = UNPUBLISHABLE.exec(text);
      if (odd) say(path, 'yaml_control', { code: code(odd[0]) });
      if (text.includes('\uFFFD')) say(path, 'replacement_char', {});
    }
    for (const rule of spec.choices) {
      for (const [, value] of found(data, rule.path)) {
        if (rule.allowed.includes(value)) continue;
        if (rule.country) say(rule.path, 'unknown_country', { value });
        else say(rule.path, 'not_allowed', { value, allowed: rule.allowed.join(', ') });
      }
    }
    if (spec.place && words.places) {
      const box = words.places.boxes[data.country];
      const lat = Number(data.lat);
      const lon = Number(data.lon);
      if (box && Number.isFinite(lat) && Number.isFinite(lon)) {
        // Kilometres from the country's box (the check measures from its outline, a little stricter).
        const perLon = words.places.km_per_degree * Math.cos((lat * Math.PI) / 180);
        const dx = Math.max(box[0] - lon, 0, lon - box[2]) * perLon;
        const dy = Math.max(box[1] - lat, 0, lat - box[3]) * words.places.km_per_degree;
        const km = Math.hypot(dx, dy);
        if (km > words.places.margin_km) {
          say('lat', 'outside_country', { lat, lon, country: data.country, km: Math.round(km / 10) * 10 });
        }
      }
    }
    for (const path of spec.files) {
      for (const [, value] of found(data, path)) {
        const parts = String(value).split('/');
        if (parts[0] !== 'media' || parts.includes('..') || String(value).includes('\\')) {
          say(path, 'bad_file_path', { value });
        } else if (/\s/.test(value)) {
          say(path, 'file_name_spaces', { value, suggestion: suggestedName(String(value)) });
        }
      }
    }
    for (const path of spec.documents) {
      for (const [, value] of found(data, path)) {
        const extension = (/\.[^./]+$/.exec(String(value)) || [''])[0].toLowerCase();
        if (!words.documents.includes(extension)) {
          say(path, 'document_type', { value, extension: extension || '—', allowed: words.documents.join(', ') });
        }
      }
    }
    for (const path of spec.texts) {
      for (const [, text] of found(data, path)) {
        for (const address of links(String(text))) {
          if (!/^(?:[a-z][a-z0-9+.-]*:|#|\/|media\/)/i.test(address)) say(path, 'link_relative', { address });
        }
      }
    }
    for (const rule of spec.numbers) {
      for (const [, value] of found(data, rule.path)) {
        const number = typeof value === 'number' ? value : Number(value);
        if (Number.isNaN(number)) continue; // the field's pattern says it
        if (rule.min !== null && number < rule.min) say(rule.path, 'too_small', { value, limit: rule.min });
        if (rule.max !== null && number > rule.max) say(rule.path, 'too_big', { value, limit: rule.max });
      }
    }
    for (const rule of spec.ranges) {
      const [[, holder] = []] = rule.path ? found(data, rule.path) : [[[], data]];
      const start = holder && holder[rule.start];
      const end = holder && holder[rule.end];
      if (typeof start === 'string' && typeof end === 'string' && last(end) < first(start)) {
        say(rule.path ? `${rule.path}.${rule.end}` : rule.end, 'end_before_start', { start, end });
      }
    }
    for (const rule of spec.photos) {
      const alts = new Map(found(data, rule.alt).map(([keys, value]) => [keys.slice(0, -1).join('.'), value]));
      for (const [keys] of found(data, rule.path)) {
        if (typeof alts.get(keys.slice(0, -1).join('.')) !== 'string') say(rule.alt, 'image_no_alt', {});
      }
    }
  }
  return [...new Set(said)]; // a fact shared by the languages is said once
}

async function photoSizes(spec, words, data, entry) {
  const said = [];
  for (const rule of spec.photos) {
    for (const [, path] of found(data, rule.path)) {
      const size = await pixels(entry, path);
      if (size && size.width < rule.min_width) {
        const label = words.labels[rule.path] || rule.path;
        said.push(sentence(`${fill(words.messages.field, { name: label })}: ${fill(words.messages.image_too_small,
          { width: size.width, height: size.height, needed: rule.min_width })}`));
      }
    }
  }
  return said;
}

// Numbers typed as text, saved as numbers: `47.21`, never the text "47.21"; and the facts the
// languages share as the default language has them (a file written elsewhere may differ).
function prepared(entry, spec, locales) {
  let changed = entry;
  const [[, base], ...others] = locales;
  for (const [where] of others) {
    for (const name of spec.same) {
      changed = name in base ? changed.setIn([...where, name], entry.getIn(['data', name])) : changed.deleteIn([...where, name]);
    }
  }
  for (const [where, data] of locales) {
    for (const rule of spec.numbers) {
      for (const [keys, value] of found(data, rule.path)) {
        if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
          changed = changed.setIn([...where, ...keys], Number(value.trim()));
        }
      }
    }
  }
  return changed;
}

export function register(CMS, url) {
  const loaded = fetch(url).then((response) => response.json());
  CMS.registerEventListener({
    name: 'preSave',
    handler: async ({ entry }) => {
      const words = await loaded;
      const plain = entry.toJS();
      const kind = CONTENT.exec(plain.path || '')?.[2] ?? plain.collection;
      const spec = words.collections[kind];
      if (!spec) return entry;
      const locales = [[['data'], plain.data || {}],
        ...Object.entries(plain.i18n || {}).map(([code, value]) => [['i18n', code, 'data'], value.data || {}])];
      const said = problems(spec, words, locales, plain);
      said.push(...await photoSizes(spec, words, plain.data || {}, plain));
      if (said.length) {
        // Sveltia CMS shows the cause of a `saving_failed` error and keeps the entry open, unsaved.
        throw new Error('saving_failed', { cause: new Error(said.join('\n')) });
      }
      return prepared(entry, spec, locales);
    },
  });
  return loaded;
}
