import { CELLS } from '@/components/cells/catalog';
import { codeSourceFile, type CodeName } from '@/components/cell/codeSource';
import { readFunctionSource } from '@/lib/content';

// One static file per function a code panel shows (components/cell/codeSource.ts), written by the export.
export const dynamic = 'force-static';
export const dynamicParams = false;

function allCodeNames(): Map<string, CodeName> {
  const byFile = new Map<string, CodeName>();
  for (const ref of CELLS.flatMap((c) => c.code)) byFile.set(codeSourceFile(ref), ref);
  return byFile;
}

export function generateStaticParams() {
  return [...allCodeNames().keys()].map((file) => ({ file }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const ref = allCodeNames().get((await params).file);
  if (!ref) return new Response('no such code panel', { status: 404 });
  return new Response(readFunctionSource(ref.file, ref.name), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
