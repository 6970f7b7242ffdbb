import type { DataSource } from 'typeorm';
import { eventPayload } from './event-payload.js';
import { searchableMessage, searchableTags } from './event-search-fields.js';

const BATCH = 500;

/**
 * Fills `tags` and `message` of events stored before those columns existed (an empty `message`,
 * which a stored event never has: it holds at least the title), from their documents, one
 * committed batch at a time. Returns how many events it filled.
 */
export async function backfillSearchFields(db: DataSource, batchSize = BATCH): Promise<number> {
  let filled = 0;
  // The cursor guarantees progress even past a row whose document yields no title.
  for (let after = '0'; ; ) {
    const rows: { id: string; received_at: Date; payload: Buffer }[] = await db.query(
      `SELECT id, received_at, payload FROM event WHERE message = '' AND id > $1 ORDER BY id LIMIT $2`,
      [after, batchSize],
    );
    if (rows.length === 0) return filled;
    after = rows.at(-1)!.id;
    const fields = rows.map((row) => {
      const event = eventPayload(row);
      return { id: row.id, received_at: row.received_at, tags: searchableTags(event), message: searchableMessage(event) };
    });
    await db.query(
      `UPDATE event e SET tags = d.tags, message = d.message
         FROM jsonb_to_recordset($1::jsonb) AS d(id bigint, received_at timestamptz, tags jsonb, message text)
        WHERE e.id = d.id AND e.received_at = d.received_at`,
      [JSON.stringify(fields)],
    );
    filled += rows.length;
  }
}
