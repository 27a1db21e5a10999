"""Do people of the news put places on the map? A checklist of 70 public figures of the
seeds' world and beyond (heads of state, ministers, militia leaders), each in three
everyday sentence frames, one sentence per document.

    python benchmarks/people.py

Prints how many of the 210 sentences give a resolved place, and which. The names are
public figures' names as news agencies write them; the frames are made up.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geomap.models import Document  # noqa: E402
from geomap.pipeline import Geoparser  # noqa: E402

PEOPLE = (
    "Vladimir Putin", "Sergei Lavrov", "Bashar al-Assad", "Recep Tayyip Erdogan",
    "Hassan Rouhani", "Ali Khamenei", "Khalifa Haftar", "Nikol Pashinyan", "Ilham Aliyev",
    "Salva Kiir", "Abiy Ahmed", "Imran Khan", "Narendra Modi", "Alexander Lukashenko",
    "Viktor Orban", "Volodymyr Zelensky", "Dmitry Medvedev", "Sergei Shoigu",
    "Mikhail Gorbachev", "Boris Johnson", "Emmanuel Macron", "Olaf Scholz",
    "Haider al-Abadi", "Nouri al-Maliki", "Moqtada al-Sadr", "Masoud Barzani",
    "Abu Bakr al-Baghdadi", "Ayman al-Zawahiri", "Hamid Karzai", "Ashraf Ghani",
    "Yahya Sinwar", "Ismail Haniyeh", "Mahmoud Abbas", "Benjamin Netanyahu", "Kim Jong Un",
    "Xi Jinping", "Shinzo Abe", "Jacinda Ardern", "Justin Trudeau", "Jair Bolsonaro",
    "Luiz Inacio Lula da Silva", "Nicolas Maduro", "Evo Morales", "Cyril Ramaphosa",
    "Paul Kagame", "Yoweri Museveni", "Uhuru Kenyatta", "Muhammadu Buhari",
    "Abdel Fattah el-Sisi", "Mohamed Morsi", "Hosni Mubarak", "Muammar Gaddafi",
    "Omar al-Bashir", "Tayyip Erdogan", "Marine Le Pen", "Angela Merkel",
    "Silvio Berlusconi", "Mario Draghi", "Pedro Sanchez", "Mateusz Morawiecki",
    "Andrzej Duda", "Petro Poroshenko", "Viktor Yanukovych", "Mikheil Saakashvili",
    "Eduard Shevardnadze", "Ramzan Kadyrov", "Alexei Navalny", "Yevgeny Prigozhin",
    "Igor Girkin", "Denis Pushilin",
)
FRAMES = ("{} said the talks would continue.", "Officials met {} on Monday.",
          "Talks between {} and aides ended.")


def main() -> int:
    gp = Geoparser(events=False)
    wrong = []
    for name in PEOPLE:
        for frame in FRAMES:
            text = frame.format(name)
            res = gp.parse(Document("d", text)).resolutions
            found = [(r.mention.text, r.place.name, r.place.country_code, round(r.confidence, 2))
                     for r in res if r.place is not None]
            if found:
                wrong.append((text, found))
    total = len(PEOPLE) * len(FRAMES)
    print(f"{len(wrong)} of {total} sentences put a place on the map")
    for text, found in wrong:
        print(f"  {text}  ->  {found}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
