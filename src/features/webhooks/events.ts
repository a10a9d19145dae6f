/** The test event the API sends to one webhook on request; never broadcast to the others. */
export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * The subscription patterns that select an event type: `*`, the type itself and each of its
 * prefixes (`ticket.*` for `ticket.created`). A webhook wants the event if it lists any of them.
 */
export function patternsSelecting(type: string): string[] {
  const parts = type.split('.');
  const prefixes = parts.slice(0, -1).map((_, index) => `${parts.slice(0, index + 1).join('.')}.*`);
  return ['*', type, ...prefixes];
}

export function wantsEvent(eventTypes: readonly string[], type: string): boolean {
  return patternsSelecting(type).some((pattern) => eventTypes.includes(pattern));
}

/** An outbox event as a delivery needs it. */
export interface DeliverableEvent {
  id: number;
  type: string;
  at: Date;
  organisationId: string | null;
  payload: Record<string, unknown>;
}

/** The JSON every receiver gets, whatever the event: envelope fields, the event's own data inside. */
export function deliveryBody(event: DeliverableEvent): string {
  return JSON.stringify({
    id: String(event.id),
    type: event.type,
    occurredAt: event.at.toISOString(),
    organisationId: event.organisationId,
    data: event.payload,
  });
}
