# gidcert – 日本語メッセージ。
# Sections are owned by the module named in their header; keep keys in the same order as en/.

## ---- common ----------------------------------------------------------------------------------
label-error = エラー
label-hint = 対処
err-no-config-dir = このユーザーの設定フォルダーが見つかりません。
rec-config = 設定ファイル（`gidcert config path` で場所を確認）を見直すか、削除してください。
err-config-read = 設定ファイル { $path } を読めません: { $error }
err-config-parse = 設定ファイル { $path } の内容が正しくありません: { $error }

## ---- input and PINs (src/input.rs, src/pin.rs) --------------------------------------------
err-no-terminal = PINコードが必要ですが、入力を求める端末がありません。
rec-no-terminal = --pin-stdin（標準入力の1行目にPINコード）または --pin-file PATH を指定してください。
err-cancelled = 中止しました。
err-missing-pin-line = { $source } からPINコードが { $needed } 行必要ですが、{ $got } 行しかありません。
rec-missing-pin-line = 1行に1つずつPINコードを書いてください。change-pin では古いPINコード、新しいPINコードの順です。
err-read-pin = { $source } からPINコードを読めません: { $error }
err-pin-input-too-large = { $source } はPINコードのファイルとしては大きすぎます。
rec-read-pin = PINコードを入れたファイルまたはパイプを確認してください。
err-pin-mismatch = 新しいPINコードと確認入力が一致しません。
rec-pin-mismatch = 同じ新しいPINコードを2回入力してください。
rec-pin-rule = 新しいPINコードは4～16桁で、英字(小文字)と数字だけが使えます。
pin-rule-empty = 新しいPINコードが入力されていません。
pin-rule-too-short = 新しいPINコードが { $len } 桁です。4桁以上にしてください。
pin-rule-too-long = 新しいPINコードが { $len } 桁です。16桁以下にしてください。
pin-rule-upper-case = 新しいPINコードに英大文字が含まれています。英字(小文字)と数字だけが使えます。
pin-rule-full-width = 新しいPINコードに全角文字が含まれています。半角の英字(小文字)と数字で入力してください。
pin-rule-space = 新しいPINコードに空白が含まれています。
pin-rule-other = 新しいPINコードに英字(小文字)と数字以外の文字が含まれています。
prompt-pin = PINコード
prompt-old-pin = 古いPINコード
prompt-new-pin = 新しいPINコード（英字(小文字)と数字で4～16桁）
prompt-new-pin-again = 新しいPINコード（確認）

## ---- files (src/fsutil.rs) ------------------------------------------------------------------
err-fs-no-folder = フォルダー { $path } がありません。
rec-fs-no-folder = 存在するフォルダーを指定してください（USBメモリは差し込まれていますか）。
err-fs-not-a-folder = { $path } はフォルダーではありません。
err-fs-read-only = { $path } に書き込めません。読み取り専用か、権限がありません。
rec-fs-read-only = 別のフォルダーを指定するか、USBメモリの書き込み禁止スイッチを確認してください。
err-fs-disk-full = { $path } のドライブに空き容量がありません。
rec-fs-disk-full = 空き容量を確保するか、別のドライブを指定してください。
err-fs-exists = { $path } は既にあります。上書きしていません。
rec-fs-exists = 別の名前を指定するか、置き換えるときは --force を指定してください。
err-fs-not-found = ファイル { $path } がありません。
rec-fs-not-found = パスを確認してください。`gidcert scan` で電子証明書ファイルを探せます。
err-fs-too-large = { $path } は { $len } バイトあり、電子証明書ファイルとしては大きすぎます。
rec-fs-too-large = 数キロバイトの電子証明書ファイル（.p12）を指定しているか確認してください。
err-fs-verify = { $path } に書き込んだ内容を読み返すと一致しませんでした。このファイルは残していません。
err-fs-write = { $path } に書き込めません: { $error }
rec-fs-write = 何も置き換えていません。ドライブ（取り外されていないか）を確認して、もう一度実行してください。
err-fs-read = { $path } を読めません: { $error }

## ---- keystore (src/keystore/) ---------------------------------------------------------------

## ---- certificate view and show (src/certview.rs, src/commands/show.rs) ----------------------
err-cert-unreadable = ファイル内の電子証明書を読み取れませんでした: { $detail }
rec-cert-unreadable = ファイルが壊れている可能性があります。バックアップを使うか、司法書士会にお問い合わせください。
err-profile-unknown = 「{ $name }」というプロファイルはありません（使用可能: { $known }）。
rec-profile-unknown = --profile を省略すると既定（shiho-shoshi）を使います。または profiles.toml にプロファイルを追加してください。
err-profile-read = プロファイルファイル { $path } を読み取れませんでした: { $error }
err-profile-parse = プロファイルファイル { $path } の内容が正しくありません: { $error }
rec-profile-file = プロファイルファイルを修正するか削除してください。書式は docs/json-schema.md にあります。
cert-value-none = （なし）
attr-uid = ユーザーID (UID)
check-issuer-ok = 発行者は「{ $expected }」です。
check-issuer-bad = 発行者が「{ $actual }」です。「{ $expected }」であるべきです。
check-o-ok = O は「{ $expected }」です。
check-o-bad = O が「{ $actual }」です。「{ $expected }」であるべきです。
check-c-ok = C は「{ $expected }」です。
check-c-bad = C が「{ $actual }」です。「{ $expected }」であるべきです。
check-uid-ok = ユーザーIDはお知らせのとおり { $expected } です。
check-uid-bad = ユーザーIDが { $actual } です。お知らせのユーザーIDは { $expected } です。
check-key-ok = 秘密鍵は電子証明書と対応しています。
check-key-bad = 秘密鍵が電子証明書と対応していません。
check-no-key = ファイルに秘密鍵がありません。署名には使えません。
check-expiring-soon = 有効期間の終了まであと { $days } 日です（警告期間: { $warn } 日）。
check-not-expiring-soon = 残り { $days } 日で、警告期間（{ $warn } 日）より先です。
validity-days-left = { $days ->
    [0] 有効期間内（残り1日未満）
   *[other] 有効期間内（残り { $days } 日）
}
validity-expired = { $days ->
    [0] 有効期間切れ（本日終了）
   *[other] 有効期間切れ（{ $days } 日前に終了）
}
validity-not-yet = { $days ->
    [0] 有効期間開始前（1日以内に開始）
   *[other] 有効期間開始前（あと { $days } 日で開始）
}
ku-digital-signature = デジタル署名
ku-non-repudiation = 否認防止
ku-key-encipherment = 鍵の暗号化
ku-data-encipherment = データの暗号化
ku-key-agreement = 鍵の交換
ku-key-cert-sign = 証明書の署名
ku-crl-sign = CRL の署名
ku-encipher-only = 暗号化のみ
ku-decipher-only = 復号のみ
show-file = ファイル
show-issued-to = 発行先
show-issuer = 発行者
show-validity = 有効期間
show-subject = サブジェクト
show-serial = シリアル番号
show-fingerprint = 拇印
show-key = 公開鍵
show-key-usage = キー使用法
show-key-usage-any = （制限なし）
show-ca-certs = ファイル内のCA証明書: { $count } 件
show-no-ca-certs = ファイル内のCA証明書: なし
show-checks = 確認結果
show-uid-not-checked = ユーザーIDは照合していません（--expect-uid で指定できます）。
show-all-ok = すべての確認項目に問題はありません。
show-some-failed = 確認できなかった項目があります。このファイルはそのままでは使えません。
show-expires-soon = 有効期間の終了が近づいています。早めに更新の申請をしてください。
show-warning = 警告
err-show-wrong-pin = PINコードが違うため、このファイルを開けません。
rec-show-wrong-pin = このファイルのPINコード（変更していなければ「識別番号及びPINコードのお知らせ」のPINコード）をもう一度入力してください。大文字と小文字は区別されます。
err-show-not-pkcs12 = 電子証明書ファイル（PKCS#12）ではないか、ファイルが壊れています。
err-show-unsupported = この電子証明書ファイルは、gidcert が対応していない暗号方式を使っています。
err-show-no-certificate = ファイルに電子証明書がありません。

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
