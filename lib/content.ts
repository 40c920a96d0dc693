/**
 * Build-time access to chapter sources (server only: reads the file system during `next build`).
 * Prose lives in content/<lang>/<slug>.mdx; this module only reads its frontmatter and headings.
 */
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import ts from 'typescript';
import { CHAPTER_SLUGS, extractSections, type ChapterSlug, type Lang, type Section } from './chapters';
import { exerciseIdsIn } from './exercises';

export interface ChapterMeta {
  slug: ChapterSlug;
  lang: Lang;
  title: string;
  summary: string;
  order: number;
  sections: Section[];
  /** Ids of the chapter's exercises (`<Exercise id>`), for the home page's solved count. */
  exerciseIds: string[];
}

function chapterSourcePath(lang: Lang, slug: ChapterSlug): string {
  return path.join(process.cwd(), 'content', lang, `${slug}.mdx`);
}

export function readChapterMeta(lang: Lang, slug: ChapterSlug): ChapterMeta {
  const source = fs.readFileSync(chapterSourcePath(lang, slug), 'utf8');
  const { data, content } = matter(source);
  return {
    slug,
    lang,
    title: String(data.title ?? slug),
    summary: String(data.summary ?? ''),
    order: Number(data.order ?? CHAPTER_SLUGS.indexOf(slug) + 1),
    sections: extractSections(content),
    exerciseIds: exerciseIdsIn(content),
  };
}

export function readAllChapterMeta(lang: Lang): ChapterMeta[] {
  return CHAPTER_SLUGS.map((slug) => readChapterMeta(lang, slug)).sort((a, b) => a.order - b.order);
}

/**
 * The real source of a declaration, read from its module at build time, for a cell's
 * "show code" panel (so the panel can never drift from the code that runs). Uses the
 * TypeScript parser, so braces in types or strings cannot confuse it; JSDoc is kept.
 */
export function readFunctionSource(relativeFile: string, name: string): string {
  const file = path.join(process.cwd(), relativeFile);
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  // `Class.method` reads one method of a class.
  const [className, methodName] = name.includes('.') ? name.split('.') : [null, null];
  if (className && methodName) {
    for (const stmt of sf.statements) {
      if (!ts.isClassDeclaration(stmt) || stmt.name?.text !== className) continue;
      for (const member of stmt.members) {
        if (ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === methodName) {
          return dedent(text.slice(member.getFullStart(), member.getEnd()).replace(/^\s*\n/, ''));
        }
      }
    }
    throw new Error(`readFunctionSource: ${name} not found in ${relativeFile}`);
  }
  for (const stmt of sf.statements) {
    const declared =
      (ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) && stmt.name?.text === name
        ? true
        : ts.isVariableStatement(stmt) &&
          stmt.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name);
    if (declared) return text.slice(stmt.getFullStart(), stmt.getEnd()).replace(/^\s*\n/, '').trimEnd();
  }
  throw new Error(`readFunctionSource: ${name} not found in ${relativeFile}`);
}

function dedent(block: string): string {
  const lines = block.replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
