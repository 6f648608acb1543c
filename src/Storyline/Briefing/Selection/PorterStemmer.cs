namespace Storyline.Briefing.Selection;

/// <summary>The original Porter (1980) stemmer, as in Martin Porter's reference implementation (the one ROUGE-1.5.5 uses with -m).</summary>
public static class PorterStemmer
{
    /// <summary>The stem of a lower-case ASCII word; other words (digits, accents, two letters or fewer) come back unchanged.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2) return word;
        foreach (var ch in word) if (ch is < 'a' or > 'z') return word;
        var s = new State(word.ToCharArray());
        s.Step1ab();
        if (s.K > 0)
        {
            s.Step1c();
            s.Step2();
            s.Step3();
            s.Step4();
            s.Step5();
        }
        return new string(s.B, 0, s.K + 1);
    }

    // b[0..k] is the word being stemmed; j marks the end of the stem before a suffix matched by Ends.
    private sealed class State(char[] b)
    {
        public char[] B = b;
        public int K = b.Length - 1;
        private int _j;

        private bool Cons(int i) => B[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !Cons(i - 1),
            _ => true,
        };

        // The number of vowel-consonant sequences in b[0..j].
        private int M()
        {
            int n = 0, i = 0;
            while (true)
            {
                if (i > _j) return n;
                if (!Cons(i)) break;
                i++;
            }
            i++;
            while (true)
            {
                while (true)
                {
                    if (i > _j) return n;
                    if (Cons(i)) break;
                    i++;
                }
                i++;
                n++;
                while (true)
                {
                    if (i > _j) return n;
                    if (!Cons(i)) break;
                    i++;
                }
                i++;
            }
        }

        private bool VowelInStem()
        {
            for (int i = 0; i <= _j; i++) if (!Cons(i)) return true;
            return false;
        }

        private bool DoubleC(int j) => j >= 1 && B[j] == B[j - 1] && Cons(j);

        private bool Cvc(int i) => i >= 2 && Cons(i) && !Cons(i - 1) && Cons(i - 2) && B[i] is not ('w' or 'x' or 'y');

        private bool Ends(string s)
        {
            int l = s.Length;
            if (l > K + 1 || s[l - 1] != B[K]) return false;
            for (int i = 0; i < l; i++) if (B[K - l + 1 + i] != s[i]) return false;
            _j = K - l;
            return true;
        }

        private void SetTo(string s)
        {
            int l = s.Length;
            if (_j + 1 + l > B.Length) Array.Resize(ref B, _j + 1 + l);
            for (int i = 0; i < l; i++) B[_j + 1 + i] = s[i];
            K = _j + l;
        }

        private void R(string s)
        {
            if (M() > 0) SetTo(s);
        }

        public void Step1ab()
        {
            if (B[K] == 's')
            {
                if (Ends("sses")) K -= 2;
                else if (Ends("ies")) SetTo("i");
                else if (K >= 1 && B[K - 1] != 's') K--;
            }
            if (Ends("eed"))
            {
                if (M() > 0) K--;
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = _j;
                if (Ends("at")) SetTo("ate");
                else if (Ends("bl")) SetTo("ble");
                else if (Ends("iz")) SetTo("ize");
                else if (DoubleC(K))
                {
                    K--;
                    if (B[K] is 'l' or 's' or 'z') K++;
                }
                else
                {
                    _j = K;
                    if (M() == 1 && Cvc(K)) SetTo("e");
                }
            }
        }

        public void Step1c()
        {
            if (Ends("y") && VowelInStem()) B[K] = 'i';
        }

        public void Step2()
        {
            if (K < 1) return;
            switch (B[K - 1])
            {
                case 'a': if (Ends("ational")) R("ate"); else if (Ends("tional")) R("tion"); break;
                case 'c': if (Ends("enci")) R("ence"); else if (Ends("anci")) R("ance"); break;
                case 'e': if (Ends("izer")) R("ize"); break;
                case 'l':
                    if (Ends("bli")) R("ble");
                    else if (Ends("alli")) R("al");
                    else if (Ends("entli")) R("ent");
                    else if (Ends("eli")) R("e");
                    else if (Ends("ousli")) R("ous");
                    break;
                case 'o': if (Ends("ization")) R("ize"); else if (Ends("ation")) R("ate"); else if (Ends("ator")) R("ate"); break;
                case 's': if (Ends("alism")) R("al"); else if (Ends("iveness")) R("ive"); else if (Ends("fulness")) R("ful"); else if (Ends("ousness")) R("ous"); break;
                case 't': if (Ends("aliti")) R("al"); else if (Ends("iviti")) R("ive"); else if (Ends("biliti")) R("ble"); break;
                case 'g': if (Ends("logi")) R("log"); break;
            }
        }

        public void Step3()
        {
            switch (B[K])
            {
                case 'e': if (Ends("icate")) R("ic"); else if (Ends("ative")) R(""); else if (Ends("alize")) R("al"); break;
                case 'i': if (Ends("iciti")) R("ic"); break;
                case 'l': if (Ends("ical")) R("ic"); else if (Ends("ful")) R(""); break;
                case 's': if (Ends("ness")) R(""); break;
            }
        }

        public void Step4()
        {
            if (K < 1) return;
            bool matched = B[K - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && B[_j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (matched && M() > 1) K = _j;
        }

        public void Step5()
        {
            _j = K;
            if (B[K] == 'e')
            {
                int a = M();
                if (a > 1 || (a == 1 && !Cvc(K - 1))) K--;
            }
            // m() still measures the word before any 'e' was dropped, as in the reference implementation.
            if (B[K] == 'l' && DoubleC(K) && M() > 1) K--;
        }
    }
}
