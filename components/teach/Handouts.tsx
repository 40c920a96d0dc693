import type { ChapterMeta } from '@/lib/content';
import type { Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import type { ChapterParts } from './chapterParts';
import { HandoutFigures } from './HandoutFigures';

export type HandoutChapter = ChapterParts & { meta: ChapterMeta };

/** One handout per chapter that has key equations or exercises; printed, each on a page of its own. */
export function Handouts({ lang, chapters }: { lang: Lang; chapters: HandoutChapter[] }) {
  const t = getStrings(lang).teach;
  return (
    <section className="teach-handouts" aria-labelledby="handouts">
      <h2 id="handouts">{t.handouts}</h2>
      <p>{t.handoutsIntro}</p>
      {chapters.filter((c) => c.keyEquations.length > 0 || c.exercises.length > 0).map((c) => (
        <Handout key={c.meta.slug} lang={lang} chapter={c} />
      ))}
    </section>
  );
}

function Handout({ lang, chapter: { meta, keyEquations, exercises } }: { lang: Lang; chapter: HandoutChapter }) {
  const t = getStrings(lang).teach;
  const chapterUrl = `/${lang}/${meta.slug}/`;
  return (
    <article className="teach-handout prose" id={`handout-${meta.slug}`} data-handout={meta.slug} aria-labelledby={`handout-${meta.slug}-title`}>
      <h3 id={`handout-${meta.slug}-title`}>{t.fromChapter(meta.order, meta.title)}</h3>
      <p className="teach-handout-online">{t.online} <a href={chapterUrl}>{chapterUrl}</a></p>
      {keyEquations.length > 0 && (
        <>
          <h4>{t.keyEquations}</h4>
          <div className="teach-key-equations" data-testid="handout-equations">{keyEquations}</div>
        </>
      )}
      <h4>{t.figures}</h4>
      <HandoutFigures lang={lang} slug={meta.slug} />
      {exercises.length > 0 && (
        <>
          <h4>{t.exercises}</h4>
          <ol className="teach-exercises">
            {exercises.map((e) => (
              <li key={e.id} data-handout-exercise={e.id}>
                <p className="teach-exercise-title"><a href={`${chapterUrl}#exercise-${e.id}`}><strong>{e.title}</strong></a></p>
                {e.question}
              </li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}
