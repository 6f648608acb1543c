class P { static void Main() { var t = TorchSharp.torch.ones(2,3); System.Console.WriteLine(t.sum().item<float>()); } }
