// Names the journal's panels show for the history of marks, lessons and period marks.
import type { LessonComment, PeriodMark } from '../../api/journal';

export const kActionNames: Record<string, string> = {
  'mark.create': 'Выставлена',
  'mark.correct': 'Исправлена',
  'mark.remove': 'Снята',
  'mark.revert': 'Отменено после проверки',
  'period_mark.set': 'Выставлена',
  'period_mark.correct': 'Изменена заместителем директора',
  'period_mark.revert': 'Отменено после проверки',
  'lesson.record': 'Запись урока',
  'lesson.revert': 'Отменено после проверки',
};

/** A change made by an account declared compromised, by the state of its review. */
export const kReviewNames: Record<string, string> = {
  pending: 'сделано скомпрометированной учётной записью — на проверке',
  confirmed: 'сделано скомпрометированной учётной записью — подтверждено',
  reverted: 'сделано скомпрометированной учётной записью — отменено',
};

export const kPeriodKindNames: Record<PeriodMark['kind'], string> = {
  period: 'За период',
  year: 'Годовая',
  exam: 'Экзамен',
  final: 'Итоговая',
};

export const kCommentKindNames: Record<LessonComment['kind'], string> = { remark: 'Замечание', praise: 'Похвала', note: 'Заметка' };

/** «— Иванова Мария Петровна, 20.11.2026, 10:15:00»: who made a change and when (Unix seconds). */
export function byAt(e: { by: { fullName: string } | null; at: number }): string {
  return `— ${e.by?.fullName ?? ''}, ${new Date(e.at * 1000).toLocaleString('ru-RU')}`;
}
