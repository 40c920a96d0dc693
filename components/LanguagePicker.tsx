'use client';
import { useBrowserValue } from './useBrowserValue';
import { LANGS, type Lang } from '@/lib/chapters';
import { MESSAGES } from '@/messages';

/** The reader's earlier choice wins; otherwise the browser's language; otherwise English. */
function preferredLang(saved: string | null, browserLanguages: readonly string[]): Lang {
  if (saved === 'en' || saved === 'zh') return saved;
  for (const l of browserLanguages) {
    const code = l.toLowerCase();
    if (code.startsWith('zh')) return 'zh';
    if (code.startsWith('en')) return 'en';
  }
  return 'en';
}

function readPreferredLang(): Lang {
  let saved: string | null = null;
  try { saved = localStorage.getItem('ddpm-lang'); } catch { /* blocked storage */ }
  return preferredLang(saved, navigator.languages ?? [navigator.language]);
}

export function LanguagePicker() {
  const preferred = useBrowserValue(readPreferredLang, 'en');
  const choose = (lang: Lang) => {
    try { localStorage.setItem('ddpm-lang', lang); } catch { /* blocked storage */ }
  };
  // Each option is written in its own language, so it reads from that language's messages.
  const options = LANGS.map((lang) => ({ lang, label: MESSAGES[lang].languageName, hint: MESSAGES[lang].readInThisLanguage }));
  return (
    <ul className="picker-options" data-preferred={preferred}>
      {options.map((o) => (
        <li key={o.lang}>
          <a href={`/${o.lang}/`} lang={MESSAGES[o.lang].locale} onClick={() => choose(o.lang)}
            className={o.lang === preferred ? 'picker-option preferred' : 'picker-option'}
            aria-current={o.lang === preferred ? 'true' : undefined} autoFocus={o.lang === preferred}>
            <strong>{o.label}</strong>
            <span>{o.hint}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
