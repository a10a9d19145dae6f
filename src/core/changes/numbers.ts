/** Human change numbers: C-10001. Lookups accept the number with or without the prefix. */
export function formatChangeNumber(number: number): string {
  return `C-${number}`;
}

export function parseChangeNumber(text: string): number | null {
  const match = /^(?:C-?)?(\d{1,12})$/i.exec(text.trim());
  return match ? Number.parseInt(match[1]!, 10) : null;
}
