import { notifications } from '@mantine/notifications';
import type { useServerErrors } from './serverErrors';

type Save<Input, Saved> = {
  mutate: (
    input: Input,
    options: { onSuccess: (saved: Saved) => void; onError: (error: unknown) => void },
  ) => void;
};

/**
 * The submit step every create/edit form modal shares: forget the last attempt's server errors,
 * then either toast what was saved and close, or put the server's problems on the fields.
 */
export function saveForm<Input, Saved>(
  save: Save<Input, Saved>,
  serverErrors: ReturnType<typeof useServerErrors>,
  input: Input,
  then: { message: (saved: Saved) => string; onClose: () => void },
): void {
  serverErrors.clear();
  save.mutate(input, {
    onSuccess: (saved) => {
      notifications.show({ color: 'tend', message: then.message(saved) });
      then.onClose();
    },
    onError: (error) => serverErrors.show(error),
  });
}
