import type { ColumnType, Generated } from 'kysely';
import type { RedFlagResult } from './navigation.tables.ts';

// Kysely table types of navigator training (migration create_navigator_training is the truth).

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Where an attempt has got to: the live flow's steps, then done. */
export type TrainingStep = 'red-flags' | 'needs' | 'choose' | 'done';

export interface TrainingAttemptTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  scenario_key: string;
  /** The protocol version in force when the attempt started: its questions, picks and destinations. */
  protocol_id: string;
  started_at: CreatedAt;
  step: ColumnType<TrainingStep, TrainingStep | undefined, TrainingStep>;
  /** The navigator's red-flag result ('none', or the outcome of the flag raised on the screen or by free text). */
  red_flag_answer: Optional<RedFlagResult>;
  red_flag_key: Optional<string>;
  red_flag_source: Optional<'screen' | 'free-text'>;
  need_picks: ColumnType<string[], string[] | undefined, string[]>;
  need_text: Optional<string>;
  chosen_destination: Optional<string>;
  correct: Optional<boolean>;
  missed_red_flag: Optional<boolean>;
  completed_at: NullableTimestamp;
}

export interface TrainingTables {
  training_attempt: TrainingAttemptTable;
}
