// Submitting a console form: busy while the request runs; a refusal shows its message in the
// form's live region and, when its code names a field, marks that field and moves the focus there.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api/client.ts';
import { fieldOfError } from './field-errors.ts';

export function useFormSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorField, setErrorField] = useState<string | null>(null);
  /** The aria-invalid value for a field: set only on the field the last refusal was about. */
  const invalid = (field: string) => (errorField === field ? 'true' : undefined);

  async function submit(send: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setErrorField(null);
    try {
      await send();
    } catch (failure) {
      setError(errorMessage(failure));
      const field = fieldOfError(failure);
      setErrorField(field);
      if (field) document.getElementById(field)?.focus();
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, invalid, submit };
}
