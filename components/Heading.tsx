import type { ReactNode } from 'react';
import { CopyLinkButton } from './CopyLinkButton';

/**
 * Section headings in chapter MDX: `<H2 id="forward-process">…</H2>`. The id is written by
 * hand and is the same in every language, so a teacher's link survives a language switch.
 */
function Heading({ level, id, children }: { level: 2 | 3; id: string; children: ReactNode }) {
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag id={id} className="section-heading">
      {children}
      <CopyLinkButton hash={id} />
    </Tag>
  );
}

export function H2({ id, children }: { id: string; children: ReactNode }) {
  return <Heading level={2} id={id}>{children}</Heading>;
}

export function H3({ id, children }: { id: string; children: ReactNode }) {
  return <Heading level={3} id={id}>{children}</Heading>;
}
