import { type SQL, sql } from 'drizzle-orm';

/**
 * The channel every committed domain event is announced on (pg_notify right after the writer's
 * commit, see `eventsCommitted`): `tend serve` processes LISTEN to it and push live updates to
 * browsers.
 */
export const LIVE_CHANNEL = 'tend_live';

/**
 * Watchers named in a notice, at most. A notification must stay under PostgreSQL's 8000-byte limit
 * (pg_notify would fail the announcement otherwise): 50 ids are ~2 KB. A ticket with more
 * watchers says so (`watchersTruncated`), and a listener asks the database about the rest.
 */
export const LIVE_MAX_WATCHERS = 50;

/**
 * The notice (JSON text) for an outbox row `e` (any relation with outbox_events' columns): the
 * event's id, type, time, entity and organisation, who did it, whether it is internal (a note, an
 * internal attachment), and for tickets the number, team, requester and watchers — everything a
 * listener needs to decide who may hear of it, nothing of the content. Used for the NOTIFY at
 * write time and for replaying missed events from the table, so both carry the same shape.
 */
export function liveNoticeJson(e: SQL): SQL {
  return sql`json_build_object(
    'id', ${e}.id,
    'type', ${e}.type,
    'at', ${e}.at,
    'kind', ${e}.aggregate_type,
    'entityId', ${e}.aggregate_id,
    'organisationId', ${e}.organisation_id,
    'actorId', ${e}.payload->>'actorId',
    'internal', (${e}.type = 'ticket.noted' or coalesce(${e}.payload->>'internal' = 'true', false)),
    'ticket', case when ${e}.aggregate_type = 'ticket' then (
      select json_build_object(
        'number', t.number,
        'teamId', t.team_id,
        'requesterId', t.requester_id,
        'watcherIds', coalesce((
          select json_agg(w.user_id) from (
            select user_id from ticket_watchers where ticket_id = t.id order by user_id limit ${LIVE_MAX_WATCHERS}
          ) w), '[]'::json),
        'watchersTruncated', (select count(*) > ${LIVE_MAX_WATCHERS} from (
            select 1 from ticket_watchers where ticket_id = t.id limit ${LIVE_MAX_WATCHERS + 1}
          ) c)
      ) from tickets t where t.id = ${e}.aggregate_id::uuid
    ) end
  )::text`;
}
