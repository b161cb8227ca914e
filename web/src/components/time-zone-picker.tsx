// A searchable time-zone field: an editable combobox whose list shows zones under names in the
// interface language, the likely ones first. Keyboard: Down/Up move through the list, Enter
// chooses, Escape closes, typing filters; the list's focus follows aria-activedescendant.
// @see https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n-context.tsx';
import { likelyTimeZones } from '../time/time-zone.ts';
import { canonicalZone, matchesZone, zoneChoices } from '../time/zone-choices.ts';
import { zoneName, type ZoneName } from '../time/zone-names.ts';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(timeZone: string): void;
  hint?: string;
  /** The zone of the forum the reader is dealing with, offered right after their browser's. */
  forumTimeZone?: string;
}

interface Group {
  key: 'suggested' | 'all' | 'matches';
  zones: ZoneName[];
}

export function TimeZonePicker({ id, label, value, onChange, hint, forumTimeZone }: Props) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  /** What the reader typed; null while the field shows the chosen zone. */
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listId = `${id}-list`;
  const chosen = canonicalZone(value);

  // The names of every zone take a few hundred formatters: built when the list is first wanted.
  const choices = useMemo(
    () => (open ? zoneChoices(lang, likelyTimeZones(value, forumTimeZone)) : null),
    [open, lang, value, forumTimeZone],
  );
  const groups: Group[] = !choices
    ? []
    : query?.trim()
      ? [
          {
            key: 'matches',
            zones: [...choices.suggested, ...choices.others].filter((zone) => matchesZone(zone, query)),
          },
        ]
      : [
          { key: 'suggested', zones: choices.suggested },
          { key: 'all', zones: choices.others },
        ];
  const options = groups.flatMap((group) => group.zones);
  const activeIndex = Math.min(active, options.length - 1);
  const optionId = (index: number) => `${id}-option-${index}`;

  // Names are built while the browser is idle, so the list opens at once when it is wanted.
  useEffect(() => {
    const warm = () => zoneChoices(lang, likelyTimeZones(value, forumTimeZone));
    if (typeof requestIdleCallback !== 'function') return;
    const handle = requestIdleCallback(warm, { timeout: 5000 });
    return () => cancelIdleCallback(handle);
  }, [lang]);

  useEffect(() => {
    if (open && activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex]);

  /** Opens on the first option: the current choice, which the suggestions list first, or the best match. */
  function openList() {
    setOpen(true);
    setActive(0);
  }

  function choose(zone: ZoneName) {
    onChange(zone.id);
    setQuery(null);
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openList();
        else setActive(Math.min(activeIndex + 1, options.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (open) setActive(Math.max(activeIndex - 1, 0));
        break;
      case 'PageDown':
        if (open) {
          event.preventDefault();
          setActive(Math.min(activeIndex + 10, options.length - 1));
        }
        break;
      case 'PageUp':
        if (open) {
          event.preventDefault();
          setActive(Math.max(activeIndex - 10, 0));
        }
        break;
      case 'Enter': {
        const zone = open ? options[activeIndex] : undefined;
        // With the list closed, Enter submits the form as in any other field.
        if (zone) {
          event.preventDefault();
          choose(zone);
        }
        break;
      }
      case 'Escape':
        if (open || query !== null) {
          event.preventDefault();
          setOpen(false);
          setQuery(null);
        }
        break;
    }
  }

  const shown = query ?? zoneName(value, lang).label;
  return (
    <div class="field time-zone-picker">
      <label id={`${id}-label`} for={id}>
        {label}
      </label>
      <div class="combobox">
        <input
          id={id}
          name={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={open && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-describedby={hint ? `${id}-hint` : undefined}
          value={shown}
          onFocus={(event) => event.currentTarget.select()}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            openList();
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setQuery(null);
          }}
        />
        <button
          type="button"
          class="button-quiet combobox-toggle"
          tabIndex={-1}
          aria-label={t('timeZonePicker.showList')}
          aria-controls={listId}
          aria-expanded={open ? 'true' : 'false'}
          // Keeps the focus in the field, where the keyboard works the list.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            document.getElementById(id)?.focus();
            if (open) setOpen(false);
            else openList();
          }}
        >
          <span aria-hidden="true">▾</span>
        </button>
        <ul id={listId} role="listbox" aria-labelledby={`${id}-label`} class="combobox-list" hidden={!open}>
          {groups.map((group) => {
            const offset = options.indexOf(group.zones[0]!);
            return group.key === 'matches' ? (
              group.zones.map((zone, index) => (
                <Option
                  key={zone.id}
                  zone={zone}
                  id={optionId(index)}
                  active={index === activeIndex}
                  current={canonicalZone(zone.id) === chosen}
                  onChoose={choose}
                  onHover={() => setActive(index)}
                />
              ))
            ) : (
              <li key={group.key} role="presentation">
                <span id={`${id}-${group.key}`} class="combobox-group">
                  {t(`timeZonePicker.${group.key}`)}
                </span>
                <ul role="group" aria-labelledby={`${id}-${group.key}`}>
                  {group.zones.map((zone, index) => (
                    <Option
                      key={zone.id}
                      zone={zone}
                      id={optionId(offset + index)}
                      active={offset + index === activeIndex}
                      current={canonicalZone(zone.id) === chosen}
                      onChoose={choose}
                      onHover={() => setActive(offset + index)}
                    />
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      </div>
      {hint ? (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      ) : null}
      <span id={`${id}-status`} role="status" class="visually-hidden">
        {open ? (options.length ? t('timeZonePicker.count', { count: options.length }) : t('timeZonePicker.none')) : ''}
      </span>
    </div>
  );
}

interface OptionProps {
  zone: ZoneName;
  id: string;
  active: boolean;
  current: boolean;
  onChoose(zone: ZoneName): void;
  onHover(): void;
}

function Option({ zone, id, active, current, onChoose, onHover }: OptionProps) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={active ? 'true' : 'false'}
      class={`combobox-option${active ? ' active' : ''}${current ? ' current' : ''}`}
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={active ? undefined : onHover}
      onClick={() => onChoose(zone)}
    >
      {zone.label}
    </li>
  );
}
