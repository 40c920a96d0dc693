/**
 * Build-time access to the teacher's guide (server only): its prose is content/<lang>/teach/guide.mdx,
 * beside the chapters it links to. This reads its frontmatter and the links it makes, which a test
 * checks against the chapters and the cell catalog (every prepared state is one the cells accept).
 */
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type { Lang } from './chapters';

export interface TeachGuide {
  title: string;
  summary: string;
  /** The MDX body, frontmatter removed. */
  body: string;
}

export function readTeachGuide(lang: Lang): TeachGuide {
  const source = fs.readFileSync(path.join(process.cwd(), 'content', lang, 'teach', 'guide.mdx'), 'utf8');
  const { data, content } = matter(source);
  return { title: String(data.title ?? ''), summary: String(data.summary ?? ''), body: content };
}

/** The guide's Markdown links `[text](href)` in order (outside code). */
export function guideLinks(body: string): { text: string; href: string }[] {
  const prose = body.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
  return [...prose.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)].map((m) => ({ text: m[1], href: m[2] }));
}
