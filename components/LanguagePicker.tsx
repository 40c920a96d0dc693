'use client';
import { useEffect, useState } from 'react';
import type { Lang } from '@/lib/chapters';

/** The reader's earlier choice wins; otherwise the browser's language; otherwise English. */
export function preferredLang(saved: string | null, browserLanguages: readonly string[]): Lang {
  if (saved === 'en' || saved === 'zh') return saved;
  for (const l of browserLanguages) {
    const code = l.toLowerCase();
    if (code.startsWith('zh')) return 'zh';
    if (code.startsWith('en')) return 'en';
  }
  return 'en';
}

export function LanguagePicker() {
  const [preferred, setPreferred] = useState<Lang>('en');
  useEffect(() => {
    let saved: string | null = null;
    try { saved = localStorage.getItem('ddpm-lang'); } catch { /* blocked storage */ }
    setPreferred(preferredLang(saved, navigator.languages ?? [navigator.language]));
  }, []);
  const choose = (lang: Lang) => {
    try { localStorage.setItem('ddpm-lang', lang); } catch { /* blocked storage */ }
  };
  const options: { lang: Lang; label: string; hint: string }[] = [
    { lang: 'en', label: 'English', hint: 'Read in English' },
    { lang: 'zh', label: '中文', hint: '用中文阅读' },
  ];
  return (
    <ul className="picker-options" data-preferred={preferred}>
      {options.map((o) => (
        <li key={o.lang}>
          <a href={`/${o.lang}/`} lang={o.lang === 'zh' ? 'zh-CN' : 'en'} onClick={() => choose(o.lang)}
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
