import type { DebugFile } from './debug-file.entity.js';
import type { ProcessingIssueRow } from './held-events.js';

const CONTENT_TYPES: Record<string, string> = {
  elf: 'application/x-elf-binary',
  macho: 'application/x-mach-binary',
  breakpad: 'text/x-breakpad',
};

/** A debug file as Sentry's API shows it (sentry-cli reads objectName, cpuName, sha1, debugId). */
export function presentDebugFile(file: DebugFile) {
  return {
    id: String(file.id),
    uuid: file.debugId,
    debugId: file.debugId,
    codeId: file.codeId,
    cpuName: file.arch,
    objectName: file.objectName,
    symbolType: file.kind,
    headers: { 'Content-Type': CONTENT_TYPES[file.kind] ?? 'application/octet-stream' },
    size: file.size,
    sha1: file.checksum,
    dateCreated: file.dateCreated.toISOString(),
    data: { features: file.features },
  };
}

/** Sentry's `processingissues/` summary (`api/helpers/processing_issues.py`). */
export function presentProcessingIssues(projectSlug: string, issues: ProcessingIssueRow[], heldEvents: number, detailed: boolean) {
  const lastSeen = issues.reduce<Date | null>((latest, i) => (!latest || i.lastSeen > latest ? i.lastSeen : latest), null);
  return {
    hasIssues: issues.length > 0,
    numIssues: issues.length,
    lastSeen: lastSeen?.toISOString() ?? null,
    resolvableIssues: 0,
    hasMoreResolvableIssues: false,
    issuesProcessing: 0,
    heldEvents,
    signedLink: null,
    project: projectSlug,
    ...(detailed
      ? {
          issues: issues.map((i) => ({
            id: String(i.id),
            type: i.type,
            checksum: i.debugId,
            numEvents: i.numEvents,
            data: { image_uuid: i.debugId, image_path: i.imagePath, image_arch: i.arch, message: i.message, _scope: 'native', _object: `dsym:${i.debugId}` },
            lastSeen: i.lastSeen.toISOString(),
          })),
        }
      : {}),
  };
}
