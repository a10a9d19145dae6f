import { Alert } from '@mantine/core';

/** The message above a form when submitting failed; the fields carry the details. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}
