/** What a source-specific intake decides about one delivery, before anything touches Temporal. */
export type IntakeOutcome<E> =
  | { ok: true; event: E }
  | { ok: false; status: 400 | 401 | 404 | 413; error: string; message: string; issues?: { path: string; message: string }[] };

/** The JSON body of every non-2xx webhook answer. */
export interface WebhookErrorBody {
  error: string;
  message: string;
  issues?: { path: string; message: string }[];
}
