// An action that takes a form is called with whatever the request carried, which a crafted request
// makes something else than a FormData: its fields are then missing, never a TypeError (a 500).

/** The field `name` of `form`, or null when there is none or `form` is not a form at all. */
export function formField(form: unknown, name: string): FormDataEntryValue | null {
  return form instanceof FormData ? form.get(name) : null;
}
