/** An ingest request refused as a whole, with the status and `detail` the SDK gets. */
export class IngestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly outcomeReason?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
