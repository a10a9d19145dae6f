/**
 * The mail Tend sends about tickets, per event and language. Each template gets only what may be
 * shown to its recipient: a requester's mail is built from public facts and public replies, never
 * from internal notes (they are not even in the events it is built from).
 */
export type Language = 'en' | 'de' | 'fr';
export type TemplateName =
  | 'acknowledged'
  | 'replied'
  | 'resolved'
  | 'closed'
  | 'waiting'
  | 'sla_warning'
  | 'assigned';

export interface TemplateInput {
  number: string;
  subject: string;
  url: string;
  /** The reply's text (replied), the SLA target and due time (sla_warning), the reason (closed). */
  text?: string;
  author?: string;
  graceDays?: number;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

export const REPLY_MARKER = '##- Please type your reply above this line -##';

type Catalogue = Record<TemplateName, { subject: string; body: string }>;

/** `{number}`, `{subject}`, `{url}`, `{text}`, `{author}`, `{graceDays}` are filled in. */
const CATALOGUES: Record<Language, Catalogue> = {
  en: {
    acknowledged: {
      subject: '[{number}] We received your request: {subject}',
      body: 'Hello,\n\nwe received your request and opened ticket {number}. We will get back to you soon.\nReply to this mail to add information.\n\n{url}',
    },
    replied: { subject: 'Re: [{number}] {subject}', body: '{author} wrote:\n\n{text}\n\n{url}' },
    resolved: {
      subject: '[{number}] Resolved: {subject}',
      body: 'Hello,\n\nticket {number} was resolved. If the problem is not solved, reply to this mail within {graceDays} days and we reopen it.\n\n{url}',
    },
    closed: {
      subject: '[{number}] Closed: {subject}',
      body: 'Hello,\n\nticket {number} was closed.{text}\n\n{url}',
    },
    waiting: {
      subject: '[{number}] We need information from you: {subject}',
      body: 'Hello,\n\nto continue with ticket {number} we need information from you. Please reply to this mail.\n\n{url}',
    },
    sla_warning: { subject: '[{number}] SLA warning: {subject}', body: '{text}\n\n{url}' },
    assigned: {
      subject: '[{number}] Assigned to you: {subject}',
      body: 'Ticket {number} was assigned to you.\n\n{url}',
    },
  },
  de: {
    acknowledged: {
      subject: '[{number}] Ihre Anfrage ist eingegangen: {subject}',
      body: 'Guten Tag,\n\nwir haben Ihre Anfrage erhalten und das Ticket {number} angelegt. Wir melden uns in Kürze.\nAntworten Sie auf diese Mail, um Informationen zu ergänzen.\n\n{url}',
    },
    replied: { subject: 'AW: [{number}] {subject}', body: '{author} schrieb:\n\n{text}\n\n{url}' },
    resolved: {
      subject: '[{number}] Gelöst: {subject}',
      body: 'Guten Tag,\n\ndas Ticket {number} wurde gelöst. Falls das Problem weiter besteht, antworten Sie innerhalb von {graceDays} Tagen auf diese Mail, dann öffnen wir es wieder.\n\n{url}',
    },
    closed: {
      subject: '[{number}] Geschlossen: {subject}',
      body: 'Guten Tag,\n\ndas Ticket {number} wurde geschlossen.{text}\n\n{url}',
    },
    waiting: {
      subject: '[{number}] Wir benötigen Informationen von Ihnen: {subject}',
      body: 'Guten Tag,\n\num das Ticket {number} weiter zu bearbeiten, benötigen wir Informationen von Ihnen. Bitte antworten Sie auf diese Mail.\n\n{url}',
    },
    sla_warning: { subject: '[{number}] SLA-Warnung: {subject}', body: '{text}\n\n{url}' },
    assigned: {
      subject: '[{number}] Ihnen zugewiesen: {subject}',
      body: 'Das Ticket {number} wurde Ihnen zugewiesen.\n\n{url}',
    },
  },
  fr: {
    acknowledged: {
      subject: '[{number}] Nous avons reçu votre demande : {subject}',
      body: 'Bonjour,\n\nnous avons reçu votre demande et ouvert le ticket {number}. Nous revenons vers vous rapidement.\nRépondez à ce message pour ajouter des informations.\n\n{url}',
    },
    replied: { subject: 'RE: [{number}] {subject}', body: '{author} a écrit :\n\n{text}\n\n{url}' },
    resolved: {
      subject: '[{number}] Résolu : {subject}',
      body: 'Bonjour,\n\nle ticket {number} a été résolu. Si le problème persiste, répondez à ce message dans les {graceDays} jours et nous le rouvrirons.\n\n{url}',
    },
    closed: {
      subject: '[{number}] Fermé : {subject}',
      body: 'Bonjour,\n\nle ticket {number} a été fermé.{text}\n\n{url}',
    },
    waiting: {
      subject: '[{number}] Nous avons besoin d’informations : {subject}',
      body: 'Bonjour,\n\npour poursuivre le ticket {number}, nous avons besoin d’informations de votre part. Merci de répondre à ce message.\n\n{url}',
    },
    sla_warning: { subject: '[{number}] Alerte SLA : {subject}', body: '{text}\n\n{url}' },
    assigned: {
      subject: '[{number}] Ticket attribué : {subject}',
      body: 'Le ticket {number} vous a été attribué.\n\n{url}',
    },
  },
};

function fill(template: string, input: TemplateInput): string {
  return template.replace(
    /\{(number|subject|url|text|author|graceDays)\}/g,
    (_match, key: keyof TemplateInput) => String(input[key] ?? ''),
  );
}

/** Mail a customer can answer starts with the reply marker: the intake cuts everything below it. */
const ANSWERABLE: ReadonlySet<TemplateName> = new Set(['acknowledged', 'replied', 'resolved', 'waiting']);

export function render(name: TemplateName, language: Language, input: TemplateInput): RenderedMail {
  const template = (CATALOGUES[language] ?? CATALOGUES.en)[name];
  const body = fill(template.body, input);
  return {
    subject: fill(template.subject, input)
      .replace(/[\r\n]+/g, ' ')
      .slice(0, 400),
    text: ANSWERABLE.has(name) ? `${REPLY_MARKER}\n\n${body}\n` : `${body}\n`,
  };
}

export function isLanguage(value: string | null | undefined): value is Language {
  return value === 'en' || value === 'de' || value === 'fr';
}
