import { DatePicker, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { splitCst, joinCst } from '../trading-format.ts';

/**
 * A date and time of day in Beijing time, whatever the browser's zone. The value is an ISO
 * instant. Dates before `minDate` (a CST date, YYYY-MM-DD) cannot be picked.
 */
export function CstDateTimeInput({
  value,
  onChange,
  minDate,
  testId,
  disabled,
}: {
  readonly value?: string | null | undefined;
  readonly onChange?: (value: string | null) => void;
  readonly minDate?: string | null | undefined;
  readonly testId?: string;
  readonly disabled?: boolean;
}) {
  const parts = value ? splitCst(value) : null;
  const date: Dayjs | null = parts ? dayjs(parts.date, 'YYYY-MM-DD') : null;
  const time: Dayjs | null = parts ? dayjs(`2000-01-01 ${parts.time}`, 'YYYY-MM-DD HH:mm') : null;
  const emit = (nextDate: Dayjs | null, nextTime: Dayjs | null) => {
    if (!nextDate) return onChange?.(null);
    onChange?.(
      joinCst(nextDate.format('YYYY-MM-DD'), (nextTime ?? dayjs('2000-01-01 09:00')).format('HH:mm')),
    );
  };
  return (
    <Space.Compact data-testid={testId}>
      <DatePicker
        value={date}
        disabled={disabled}
        allowClear={false}
        disabledDate={(day) => Boolean(minDate && day.format('YYYY-MM-DD') < minDate)}
        onChange={(next) => emit(next, time)}
        data-testid={testId ? `${testId}-date` : undefined}
      />
      <TimePicker
        value={time}
        disabled={disabled}
        format="HH:mm"
        allowClear={false}
        needConfirm={false}
        onChange={(next) => emit(date ?? dayjs(), next)}
        data-testid={testId ? `${testId}-time` : undefined}
      />
    </Space.Compact>
  );
}
