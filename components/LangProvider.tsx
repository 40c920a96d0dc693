'use client';
import { createContext, useContext, type ReactNode } from 'react';
import type { Lang } from '@/lib/chapters';
import { getStrings, type Messages } from '@/messages';

const LangContext = createContext<Lang>('en');

export function LangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export function useLang(): Lang {
  return useContext(LangContext);
}

/** The one way a client component reads UI text: the message object of the page's language. */
export function useStrings(): Messages {
  return getStrings(useContext(LangContext));
}
