'use client';
import { createContext, useContext, type ReactNode } from 'react';
import type { Lang } from '@/lib/chapters';
import { strings, type UiStrings } from '@/lib/i18n';

const LangContext = createContext<Lang>('en');

export function LangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export function useLang(): Lang {
  return useContext(LangContext);
}

export function useStrings(): UiStrings {
  return strings(useContext(LangContext));
}
