/** Human ticket numbers: T-10234. Lookups accept the number with or without the prefix. */
export function formatTicketNumber(number: number): string {
  return `T-${number}`;
}

export function parseTicketNumber(text: string): number | null {
  const match = /^(?:T-?)?(\d{1,12})$/i.exec(text.trim());
  return match ? Number.parseInt(match[1]!, 10) : null;
}
