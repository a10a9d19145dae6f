import sanitizeHtml from 'sanitize-html';

/**
 * HTML mail made safe to show: no scripts, styles, forms, frames or event handlers; no remote
 * content (images load only from the message itself — `cid:` links rewritten to its stored files);
 * links open elsewhere without a referrer. Inline styles survive only as plain colours, alignment
 * and fonts (no `url(…)`, so no tracking pixels through CSS either).
 */
const COLOUR = [/^#[0-9a-f]{3,8}$/i, /^[a-z]{3,20}$/i, /^rgba?\([\d\s.,%]+\)$/i];
const LENGTH = [/^\d{1,4}(\.\d{1,3})?(px|pt|em|rem|%)?$/];

const STYLES: sanitizeHtml.IOptions['allowedStyles'] = {
  '*': {
    color: COLOUR,
    'background-color': COLOUR,
    'text-align': [/^(left|right|center|justify)$/],
    'font-weight': [/^(normal|bold|bolder|lighter|\d{3})$/],
    'font-style': [/^(normal|italic|oblique)$/],
    'text-decoration': [/^(none|underline|line-through|overline)$/],
    'font-size': LENGTH,
    'font-family': [/^[\w\s,'"-]{1,200}$/],
    width: LENGTH,
    height: LENGTH,
  },
};

/** Resolves an inline image's Content-ID to the URL it is served from (null: drop the image). */
export type CidResolver = (cid: string) => string | null;

function options(resolveCid: CidResolver): sanitizeHtml.IOptions {
  return {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center'],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      table: ['border', 'cellpadding', 'cellspacing', 'width', 'align'],
      font: ['color', 'size', 'face'],
      '*': ['style', 'dir', 'lang', 'align'],
    },
    allowedStyles: STYLES,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    // Images: only what the message carries (rewritten below); http(s) would load remote content.
    allowedSchemesByTag: { img: [] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
      }),
      img: (tagName, attribs) => {
        const cid = /^cid:(.+)$/i.exec(attribs.src ?? '')?.[1];
        const url = cid ? resolveCid(decodeURIComponent(cid).replace(/^<|>$/g, '')) : null;
        const { src: _src, ...rest } = attribs;
        return { tagName, attribs: url ? { ...rest, src: url } : rest };
      },
    },
    // An image left without a (local) source is dropped rather than shown broken.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

/** Relative URLs (our own download links) survive because the scheme check only sees absolute ones. */
export function sanitizeMailHtml(html: string, resolveCid: CidResolver = () => null): string {
  return sanitizeHtml(html, options(resolveCid)).trim();
}
