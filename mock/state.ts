// A service backed by a state file: replay what the file holds, then journal every change to it.
import { createService, type ServiceBuild } from "./create.ts";
import type { MockService } from "./domain/service.ts";
import { newSecret } from "./domain/tokens.ts";
import { Journal, readStateFile, type JournalOptions } from "./journal.ts";

export interface DurableService {
  service: MockService;
  journal: Journal;
  /** Records replayed from the file. */
  replayed: number;
  /** Bytes of a torn last record that were cut off (a write a crash cut short, never acknowledged). */
  droppedTail?: number;
}

export async function openDurableService(
  stateFile: string,
  options: Omit<ServiceBuild, "jwtSecret"> & Omit<JournalOptions, "snapshot"> = {},
): Promise<DurableService> {
  const replay = readStateFile(stateFile, newSecret);
  const service = createService({ ...options, jwtSecret: replay.header.jwtSecret });
  for (const r of replay.records) service.apply(r);
  const journal = await Journal.open(stateFile, replay.header, { ...options, snapshot: () => service.snapshot() });
  service.setSink(journal);
  if (!service.account(service.demoClientId)) await service.seedDemo();
  const out: DurableService = { service, journal, replayed: replay.records.length };
  if (replay.droppedTail) out.droppedTail = replay.droppedTail;
  return out;
}
