import { readFunctionSource } from '@/lib/content';
import { ScheduleExplorerCellClient } from './lazyClients';

/** Server wrapper: the real source of the schedule code the explorer runs, read at build time. */
export function ScheduleExplorerCell() {
  const code = [
    ...['makeSchedule', 'tableFromBetas', 'scheduleSummary'].map((name) => ({ file: 'lib/diffusion/schedule.ts', name })),
    { file: 'lib/diffusion/formula.ts', name: 'parseScheduleFormula' },
    { file: 'lib/diffusion/forward.ts', name: 'qSample' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <ScheduleExplorerCellClient code={code} />;
}
