export type Lang = 'zh' | 'en';
export type Messages = Record<string, { zh: string; en: string }>;
